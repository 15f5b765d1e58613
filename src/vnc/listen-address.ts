// `:vnc_proxy_port` as websockify took it (reference §7.2): `29876` or `IP:29876` (`[IPv6]:29876`
// too). Without an address websockify listened on every address; here the proxy listens where the
// web server does (:host), so a server kept on loopback behind a reverse proxy does not open its
// console port to the network. With `:vnc_proxy_ipv6: true` (websockify's -6) the default 0.0.0.0
// becomes :: (every IPv4 and IPv6 address).
import { VncOptionError } from './errors.js';

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export function parseVncProxyPort(value: string, ipv6: boolean, webHost = '0.0.0.0'): ListenAddress {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(value.trim());
  const port = m === null ? NaN : Number(m[2]);
  if (m === null || port < 0 || port > 65535) {
    throw new VncOptionError(':vnc_proxy_port', `is "${value}"; expected a port such as 29876, or IP:PORT`);
  }
  const given = m[1];
  if (given === undefined || given === '')
    return { host: ipv6 && webHost === '0.0.0.0' ? '::' : webHost, port };
  const host = given.startsWith('[') && given.endsWith(']') ? given.slice(1, -1) : given;
  return { host, port };
}
