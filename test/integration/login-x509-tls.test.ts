// `:auth: x509` directly over TLS (issue #3 §4): the app mounted in a Node https server that asks for
// client certificates (as native TLS or any embedding server would), real TLS handshakes from a
// client on 127.0.0.1. Only a certificate Node verified against the CA counts; the peer is not a
// trusted proxy here, so no header can stand in for it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/app.js';

const pem = (name: string) => readFileSync(new URL(`../fixtures/x509/${name}`, import.meta.url), 'utf8');

interface Answer {
  readonly status: number;
  readonly cookie: string | undefined;
}

function postLogin(port: number, client?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/login',
        ca: pem('ca.pem'),
        servername: 'localhost',
        headers,
        ...(client ? { cert: pem(`${client}.pem`), key: pem(`${client}.key`) } : {}),
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            cookie: ([] as string[])
              .concat(res.headers['set-cookie'] ?? [])
              .find((c) => c.startsWith('sunstone=')),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('x509 over TLS: a verified client certificate logs its user in; others are refused', async (t) => {
  const { app } = await buildTestApp(t, { config: { auth: 'x509', trusted_proxies: ['192.0.2.1'] } });
  await app.ready();
  const server: Server = createServer(
    {
      key: pem('server.key'),
      cert: pem('server.pem'),
      ca: pem('ca.pem'),
      requestCert: true,
      // The app decides: an unverified certificate reaches it and must be refused there.
      rejectUnauthorized: false,
    },
    (req, res) => app.routing(req, res),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;

  const dave = await postLogin(port, 'dave');
  assert.equal(dave.status, 204);
  assert.ok(dave.cookie);
  assert.equal((await postLogin(port)).status, 401, 'no certificate');
  assert.equal((await postLogin(port, 'mallory')).status, 401, 'verified, but no user has this DN');
  assert.equal((await postLogin(port, 'dave-selfsigned')).status, 401, "dave's DN, not signed by the CA");
  const forged = await postLogin(port, undefined, { ssl_client_cert: pem('dave.pem').replace(/\n/g, ' ') });
  assert.equal(forged.status, 401, 'a header from an untrusted peer');
});
