// One console connection: bytes between a websocket (the browser's noVNC) and a TCP socket (the VM's
// VNC server), as websockify moves them: binary frames with the `binary` subprotocol (or none), base64
// text frames with the old `base64` one. Bounded both ways:
// - backpressure: when the websocket has more than `highWaterBytes` queued towards a slow browser,
//   reading from the VNC server stops until half of it has gone; when the VNC server does not keep
//   up, reading from the websocket stops until its socket drains;
// - liveness: a ping every `pingIntervalMs`; a browser that has not answered the previous one is
//   gone (laptop lid closed, network lost) and the connection is dropped;
// - idleness: no byte either way for `idleTimeoutMs` ends the connection.
import type { Socket } from 'node:net';
import type WebSocket from 'ws';

export type FrameMode = 'binary' | 'base64';

export interface BridgeOptions {
  readonly mode: FrameMode;
  readonly highWaterBytes: number;
  readonly pingIntervalMs: number;
  readonly idleTimeoutMs: number;
  /** Monotonic milliseconds (idleness is measured with it). */
  readonly now: () => number;
}

/** What a finished connection carried, for the log. */
export interface BridgeStats {
  readonly toBrowser: number;
  readonly toServer: number;
  /** Who ended it: 'browser', 'server', 'idle', 'unresponsive', 'shutdown' or 'error'. */
  readonly endedBy: string;
}

export interface Bridge {
  /** Resolves once both sides are closed. */
  readonly done: Promise<BridgeStats>;
  /** Close both sides now (server stopping): the browser gets 1001 "going away". */
  shutdown(): void;
}

export function bridge(ws: WebSocket, tcp: Socket, opts: BridgeOptions): Bridge {
  let toBrowser = 0;
  let toServer = 0;
  let queued = 0;
  let tcpPaused = false;
  let lastActivity = opts.now();
  let alive = true;
  let endedBy: string | null = null;
  let settle: (s: BridgeStats) => void = () => undefined;
  const done = new Promise<BridgeStats>((resolve) => (settle = resolve));
  let wsClosed = false;
  let tcpClosed = false;

  const finish = (): void => {
    if (!wsClosed || !tcpClosed) return;
    clearInterval(timer);
    settle({ toBrowser, toServer, endedBy: endedBy ?? 'error' });
  };
  const end = (by: string, code: number, reason: string): void => {
    endedBy ??= by;
    tcp.destroy();
    if (ws.readyState === ws.OPEN) ws.close(code, reason);
    else if (ws.readyState === ws.CONNECTING) ws.terminate();
  };

  tcp.setNoDelay(true);
  tcp.on('data', (chunk: Buffer) => {
    lastActivity = opts.now();
    toBrowser += chunk.length;
    queued += chunk.length;
    const sent = (): void => {
      queued -= chunk.length;
      if (tcpPaused && queued <= opts.highWaterBytes / 2) {
        tcpPaused = false;
        tcp.resume();
      }
    };
    if (opts.mode === 'base64') ws.send(chunk.toString('base64'), { binary: false }, sent);
    else ws.send(chunk, { binary: true }, sent);
    if (!tcpPaused && queued > opts.highWaterBytes) {
      tcpPaused = true;
      tcp.pause();
    }
  });
  tcp.on('drain', () => ws.resume());
  tcp.on('end', () => end('server', 1000, 'VNC server closed the connection'));
  tcp.on('error', () => end('error', 1011, 'VNC server connection failed'));
  tcp.on('close', () => {
    tcpClosed = true;
    end(endedBy ?? 'server', 1000, 'VNC server closed the connection');
    finish();
  });

  ws.on('message', (data: Buffer, isBinary: boolean) => {
    lastActivity = opts.now();
    const bytes = !isBinary && opts.mode === 'base64' ? Buffer.from(data.toString('latin1'), 'base64') : data;
    toServer += bytes.length;
    if (!tcp.write(bytes)) ws.pause();
  });
  ws.on('pong', () => {
    alive = true;
  });
  ws.on('error', () => end('error', 1011, 'websocket failed'));
  ws.on('close', () => {
    wsClosed = true;
    endedBy ??= 'browser';
    tcp.destroy();
    finish();
  });

  const timer = setInterval(
    () => {
      if (opts.now() - lastActivity >= opts.idleTimeoutMs) {
        end('idle', 1000, 'console idle for too long');
        return;
      }
      if (!alive) {
        endedBy ??= 'unresponsive';
        ws.terminate();
        tcp.destroy();
        return;
      }
      alive = false;
      ws.ping();
    },
    Math.min(opts.pingIntervalMs, opts.idleTimeoutMs),
  );

  return {
    done,
    shutdown: () => end('shutdown', 1001, 'server shutting down'),
  };
}
