// The console proxy of one process: takes a websocket upgrade whose token was already redeemed,
// connects to the VM's VNC server, completes the upgrade and bridges the two (bridge.ts). Both
// entrances use it: /websockify on the main port and the :vnc_proxy_port listener, so they share one
// bound on open consoles. Failures before the upgrade are answered as plain HTTP with Sunstone's
// error JSON, so a browser or script sees why (busy 503, VNC server unreachable 502).
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { bridge, type Bridge, type FrameMode } from './bridge.js';
import { VncBusyError, VncClosedError, VncOptionError, VncTargetError } from './errors.js';
import type { VncGrant } from './tokens.js';
import { refuseUpgrade } from './upgrade-refusal.js';

/**
 * Where `host:port` (a VM's host name and GRAPHICS/PORT) really is, or null when nothing listens
 * there. The default is the address itself; the simulator maps its fake hosts to loopback ports.
 */
export type VncTargetResolver = (
  host: string,
  port: number,
) => Promise<{ host: string; port: number } | null>;

/** The few log calls the gateway makes (a pino logger fits). */
export interface VncLog {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface VncGatewayOptions {
  readonly resolve?: VncTargetResolver;
  /** Consoles open at once in this process (default 256). */
  readonly maxConnections?: number;
  /** Bound on connecting to the VNC server (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** A console with no byte either way for this long is closed (default 2 h). */
  readonly idleTimeoutMs?: number;
  /** Ping period; a browser that misses one pong is dropped (default 30 s). */
  readonly pingIntervalMs?: number;
  /** Bytes queued towards the browser before reading from the VNC server pauses (default 1 MiB). */
  readonly highWaterBytes?: number;
  /** Largest websocket message accepted from the browser (default 4 MiB; clipboard pastes). */
  readonly maxPayload?: number;
  /** Monotonic ms for idleness (default performance.now). */
  readonly now?: () => number;
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value < 1) {
    throw new VncOptionError(option, `must be a positive number, got ${String(value)}`);
  }
  return value;
}

const identity: VncTargetResolver = async (host, port) => ({ host, port });

/** noVNC asks for `binary` (websockify's current protocol); very old clients for `base64`. */
function chooseProtocol(offered: Set<string>): string | false {
  if (offered.has('binary')) return 'binary';
  if (offered.has('base64')) return 'base64';
  return false;
}

export class VncGateway {
  readonly #resolve: VncTargetResolver;
  readonly #max: number;
  readonly #connectTimeoutMs: number;
  readonly #bridgeOptions: {
    highWaterBytes: number;
    pingIntervalMs: number;
    idleTimeoutMs: number;
    now: () => number;
  };
  readonly #wss: WebSocketServer;
  readonly #open = new Set<Bridge>();
  #reserved = 0;
  #closed = false;

  constructor(options: VncGatewayOptions = {}) {
    this.#resolve = options.resolve ?? identity;
    this.#max = positive('maxConnections', options.maxConnections ?? 256);
    this.#connectTimeoutMs = positive('connectTimeoutMs', options.connectTimeoutMs ?? 10_000);
    this.#bridgeOptions = {
      highWaterBytes: positive('highWaterBytes', options.highWaterBytes ?? 1024 * 1024),
      pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs ?? 30_000),
      idleTimeoutMs: positive('idleTimeoutMs', options.idleTimeoutMs ?? 2 * 3600 * 1000),
      now: options.now ?? (() => performance.now()),
    };
    this.#wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: positive('maxPayload', options.maxPayload ?? 4 * 1024 * 1024),
      handleProtocols: chooseProtocol,
    });
  }

  /** Consoles open or being opened. */
  get active(): number {
    return this.#reserved;
  }

  get maxConnections(): number {
    return this.#max;
  }

  /**
   * Opens the console `grant` names on the upgrade request `req`. Never rejects: failures are
   * answered on `socket` and logged. Resolves once the console is open or refused.
   */
  async accept(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    grant: VncGrant,
    log: VncLog,
  ): Promise<void> {
    socket.on('error', () => socket.destroy());
    if (this.#closed) return refuseUpgrade(socket, new VncClosedError());
    if (this.#reserved >= this.#max) {
      log.warn(`VNC console of VM ${grant.vm} refused: ${this.#max} consoles already open`);
      return refuseUpgrade(socket, new VncBusyError(this.#max));
    }
    this.#reserved++;
    let tcp: Socket;
    try {
      tcp = await this.#dial(grant);
    } catch (err) {
      this.#reserved--;
      const e = err as VncTargetError;
      log.warn(e.message);
      return refuseUpgrade(socket, e);
    }
    if (this.#closed || socket.destroyed) {
      this.#reserved--;
      tcp.destroy();
      return refuseUpgrade(socket, new VncClosedError());
    }
    let upgraded = false;
    // ws answers a malformed upgrade itself and never calls back: give the slot back then.
    socket.once('close', () => {
      if (upgraded) return;
      this.#reserved--;
      tcp.destroy();
    });
    this.#wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      upgraded = true;
      const mode: FrameMode = ws.protocol === 'base64' ? 'base64' : 'binary';
      const b = bridge(ws, tcp, { ...this.#bridgeOptions, mode });
      this.#open.add(b);
      log.info(`VNC console of VM ${grant.vm} opened for ${grant.user} (${grant.host}:${grant.port})`);
      void b.done.then((s) => {
        this.#open.delete(b);
        this.#reserved--;
        log.info(
          `VNC console of VM ${grant.vm} for ${grant.user} closed (${s.endedBy}; ` +
            `${s.toBrowser} bytes to the browser, ${s.toServer} to the VM)`,
        );
      });
    });
  }

  /** No new consoles; open ones are closed (1001) and awaited. */
  async close(): Promise<void> {
    this.#closed = true;
    const open = [...this.#open];
    for (const b of open) b.shutdown();
    await Promise.all(open.map((b) => b.done));
    this.#wss.close();
  }

  async #dial(grant: VncGrant): Promise<Socket> {
    const where = `${grant.host}:${grant.port}`;
    let target: { host: string; port: number } | null;
    try {
      target = await this.#resolve(grant.host, grant.port);
    } catch (err) {
      throw new VncTargetError(grant.vm, where, (err as Error).message, err);
    }
    if (target === null) throw new VncTargetError(grant.vm, where, 'nothing listens there');
    const { host, port } = target;
    return new Promise<Socket>((resolve, reject) => {
      const tcp = connect({ host, port });
      const timer = setTimeout(() => {
        tcp.destroy();
        reject(new VncTargetError(grant.vm, where, `no connection within ${this.#connectTimeoutMs} ms`));
      }, this.#connectTimeoutMs);
      tcp.once('connect', () => {
        clearTimeout(timer);
        tcp.removeAllListeners('error');
        // Until the bridge takes over, an error must not go unhandled.
        tcp.on('error', () => tcp.destroy());
        resolve(tcp);
      });
      tcp.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new VncTargetError(grant.vm, where, err.code ?? err.message, err));
      });
    });
  }
}
