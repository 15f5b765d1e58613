// Starts the websockify-compatible VNC listener on :vnc_proxy_port beside the app (reference §9:
// Ruby Sunstone ran websockify as the separate opennebula-novnc service). It is an extra: when it
// cannot start (port taken, e.g. by Ruby Sunstone's novnc-server during a migration; TLS files
// unreadable) the error is logged and the server runs on, since consoles still open through
// /websockify on the main port. Every process calls this: cluster workers share the port through
// node:cluster, and under Passenger the first process to bind it serves it for all (the tokens are
// in the shared session store).
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { SunstoneConfig } from '../config/types.js';
import { parseVncProxyPort } from '../vnc/listen-address.js';
import { startVncListener, type VncListener } from '../vnc/listener.js';
import type { VncService } from '../vnc/service.js';

type VncConfig = Pick<
  SunstoneConfig,
  | 'vnc_proxy_port'
  | 'vnc_proxy_support_wss'
  | 'vnc_proxy_cert'
  | 'vnc_proxy_key'
  | 'vnc_proxy_ipv6'
  | 'host'
  | 'source'
>;

function readPem(file: string, key: string, where: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(
      `cannot read ${key} ${file} (set in ${where}): ${(err as Error).message}; ` +
        'make it readable by the user sunstone-server runs as, or correct the path',
      { cause: err },
    );
  }
}

/** The listener, or null when it did not start (the reason is logged). */
export async function startVncProxy(
  vnc: VncService,
  config: VncConfig,
  logger: Logger,
): Promise<VncListener | null> {
  const where = config.source ?? 'the configuration';
  try {
    const address = parseVncProxyPort(config.vnc_proxy_port, config.vnc_proxy_ipv6, config.host);
    let tls: { cert: Buffer; key: Buffer } | undefined;
    if (config.vnc_proxy_support_wss !== 'no') {
      if (config.vnc_proxy_cert === '') {
        if (config.vnc_proxy_support_wss === 'yes') {
          logger.warn(
            `:vnc_proxy_support_wss is yes in ${where} but :vnc_proxy_cert is not set: the VNC proxy serves ws only`,
          );
        }
      } else {
        const cert = readPem(config.vnc_proxy_cert, ':vnc_proxy_cert', where);
        // websockify takes the key from the certificate file when --key is not given.
        const key =
          config.vnc_proxy_key === '' ? cert : readPem(config.vnc_proxy_key, ':vnc_proxy_key', where);
        tls = { cert, key };
      }
    }
    const listener = await startVncListener({
      ...address,
      wss: config.vnc_proxy_support_wss,
      ...(tls === undefined ? {} : { tls }),
      tokens: vnc.tokens,
      gateway: vnc.gateway,
      log: logger,
    });
    const mode = listener.secure ? (config.vnc_proxy_support_wss === 'only' ? 'wss' : 'ws and wss') : 'ws';
    logger.info(`VNC proxy (websockify protocol, ${mode}) listening on ${address.host}:${listener.port}`);
    return listener;
  } catch (err) {
    logger.error(
      `VNC proxy on :vnc_proxy_port not started: ${(err as Error).message}. ` +
        'Consoles still open through /websockify on the main port.',
    );
    return null;
  }
}
