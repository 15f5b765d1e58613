// The VNC console of one app: its tokens (kept in the session store) and its gateway (the bound on
// open consoles), shared by POST /vm/:id/startvnc, /websockify on the main port and the
// :vnc_proxy_port listener that the CLI starts next to the app.
import type { TicketStore } from '../session/store.js';
import { VncGateway, type VncGatewayOptions } from './gateway.js';
import { VncTokens } from './tokens.js';

export interface VncService {
  readonly tokens: VncTokens;
  readonly gateway: VncGateway;
}

export interface VncServiceOptions extends VncGatewayOptions {
  /** Seconds a token may wait to be used (default 60). */
  readonly ttlSeconds?: number;
}

export function createVncService(
  store: TicketStore,
  options: VncServiceOptions = {},
  clock: { now?: () => number; random?: (size: number) => Buffer } = {},
): VncService {
  const { ttlSeconds, ...gateway } = options;
  return {
    tokens: new VncTokens({
      store,
      ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
      ...(clock.now ? { now: clock.now } : {}),
      ...(clock.random ? { random: clock.random } : {}),
    }),
    gateway: new VncGateway(gateway),
  };
}
