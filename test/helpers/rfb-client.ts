// The client side of an RFB (VNC) handshake, over any byte stream: a raw TCP socket or a websocket
// through the console proxy. Reads exactly what RFC 6143 says comes next, so a server (or a proxy)
// that sends too little, too much or the wrong thing fails the test instead of hanging it.
import type { Socket } from 'node:net';
import type WebSocket from 'ws';

/** Byte stream: `read(n)` resolves with exactly n bytes, or rejects when the stream ends first. */
export interface ByteStream {
  read(n: number): Promise<Buffer>;
  write(data: Buffer | string): void;
  close(): void;
}

class Bytes {
  #buf: Buffer = Buffer.alloc(0);
  #waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  #ended: Error | null = null;

  push(chunk: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, chunk]);
    this.#serve();
  }

  end(why: Error): void {
    this.#ended = why;
    this.#serve();
  }

  read(n: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.#waiting = { n, resolve, reject };
      this.#serve();
    });
  }

  #serve(): void {
    const w = this.#waiting;
    if (w === null) return;
    if (this.#buf.length >= w.n) {
      this.#waiting = null;
      const out = this.#buf.subarray(0, w.n);
      this.#buf = this.#buf.subarray(w.n);
      w.resolve(out);
    } else if (this.#ended !== null) {
      this.#waiting = null;
      w.reject(this.#ended);
    }
  }
}

export function socketStream(socket: Socket): ByteStream {
  const bytes = new Bytes();
  socket.on('data', (c: Buffer) => bytes.push(c));
  socket.on('close', () => bytes.end(new Error('the TCP connection closed')));
  socket.on('error', (e) => bytes.end(e));
  return { read: (n) => bytes.read(n), write: (d) => socket.write(d), close: () => socket.destroy() };
}

/** An open websocket as a byte stream (binary frames, as websockify's `binary` subprotocol). */
export function webSocketStream(ws: WebSocket): ByteStream {
  const bytes = new Bytes();
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) bytes.end(new Error(`text frame received: ${data.toString('utf8')}`));
    else bytes.push(data);
  });
  ws.on('close', (code, reason) => bytes.end(new Error(`websocket closed ${code} ${reason.toString()}`)));
  ws.on('error', (e) => bytes.end(e));
  return {
    read: (n) => bytes.read(n),
    write: (d) => ws.send(typeof d === 'string' ? Buffer.from(d, 'latin1') : d, { binary: true }),
    close: () => ws.close(),
  };
}

export interface ServerInit {
  readonly serverVersion: string;
  readonly width: number;
  readonly height: number;
  readonly bitsPerPixel: number;
  readonly name: string;
}

/** Version, security None, ClientInit, ServerInit: what a viewer does before it shows a picture. */
export async function rfbHandshake(io: ByteStream, version = 'RFB 003.008\n'): Promise<ServerInit> {
  const serverVersion = (await io.read(12)).toString('latin1');
  io.write(version);
  if (version === 'RFB 003.003\n') {
    const type = (await io.read(4)).readUInt32BE(0);
    if (type !== 1) throw new Error(`security type ${type}, expected None (1)`);
  } else {
    const count = (await io.read(1))[0] ?? 0;
    const types = [...(await io.read(count))];
    if (!types.includes(1)) throw new Error(`security types ${types.join(',')} do not include None (1)`);
    io.write(Buffer.from([1]));
    if (version === 'RFB 003.008\n') {
      const result = (await io.read(4)).readUInt32BE(0);
      if (result !== 0) throw new Error(`SecurityResult ${result}, expected OK (0)`);
    }
  }
  io.write(Buffer.from([1])); // ClientInit, shared
  const head = await io.read(24);
  const nameLength = head.readUInt32BE(20);
  const name = (await io.read(nameLength)).toString('utf8');
  return {
    serverVersion,
    width: head.readUInt16BE(0),
    height: head.readUInt16BE(2),
    bitsPerPixel: head.readUInt8(4),
    name,
  };
}

/** Asks for the whole screen and returns the pixel bytes of the one Raw rectangle that comes back. */
export async function requestFrame(io: ByteStream, width: number, height: number, bytesPerPixel: number) {
  const req = Buffer.alloc(10);
  req.writeUInt8(3, 0);
  req.writeUInt16BE(width, 6);
  req.writeUInt16BE(height, 8);
  io.write(req);
  const head = await io.read(16);
  if (head[0] !== 0) throw new Error(`message type ${head[0]}, expected FramebufferUpdate (0)`);
  if (head.readUInt16BE(2) !== 1) throw new Error('expected one rectangle');
  if (head.readInt32BE(12) !== 0) throw new Error('expected Raw encoding');
  return io.read(width * height * bytesPerPixel);
}
