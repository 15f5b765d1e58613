// The shipped config/nginx-load-balancer.conf as the proxy tests run it: TLS with a fresh
// self-signed certificate (localhost), HTTPS and HTTP on free loopback ports, under /sunstone, in
// front of two backends (the same one twice when a test has a single server).
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { freePort } from './memcached.js';
import { startNginx, type Nginx } from './nginx.js';
import { makeCertificate, type TestCertificate } from './tls.js';

export interface LoadBalancer {
  readonly nginx: Nginx;
  readonly httpsPort: number;
  readonly httpPort: number;
  /** nginx's certificate, to trust it in a client (`cert.cert` as `ca`). */
  readonly cert: TestCertificate;
  /** nginx's access log file (one line a request, after it answers). */
  readonly accessLog: string;
}

/** Starts nginx with the load-balancer site in front of `backends` (host:port each). */
export async function startLoadBalancer(
  t: TestContext,
  backends: readonly [string, string],
): Promise<LoadBalancer> {
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  let cert: TestCertificate | undefined;
  let accessLog = '';
  const nginx = await startNginx(t, {
    site: 'nginx-load-balancer.conf',
    values: (dir) => {
      cert = makeCertificate(dir);
      accessLog = join(dir, 'access.log');
      return {
        SERVER_NAME: 'localhost',
        HTTPS_LISTEN: `127.0.0.1:${httpsPort}`,
        HTTP_LISTEN: `127.0.0.1:${httpPort}`,
        TLS_CERT: cert.certFile,
        TLS_KEY: cert.keyFile,
        BASE_PATH: '/sunstone',
        BACKEND_1: backends[0],
        BACKEND_2: backends[1],
        ACCESS_LOG: accessLog,
      };
    },
    ports: [httpsPort, httpPort],
  });
  if (cert === undefined) throw new Error('no certificate');
  return { nginx, httpsPort, httpPort, cert, accessLog };
}
