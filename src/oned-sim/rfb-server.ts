// A tiny VNC server for the simulator's VMs (RFB, RFC 6143): enough for a real console to open end
// to end. It speaks versions 3.3, 3.7 and 3.8, offers security type None only, sends a ServerInit
// with a small framebuffer and the VM's name, and answers every non-incremental
// FramebufferUpdateRequest with the whole (still) picture in Raw encoding, in whatever pixel format
// the client asked for with SetPixelFormat. Incremental requests wait forever, as a real server does
// while nothing changes on screen. Key, pointer and clipboard messages are read and ignored.
import type { Socket } from 'node:net';

export const RFB_VERSION = 'RFB 003.008\n';
export const FB_WIDTH = 64;
export const FB_HEIGHT = 48;

/** Bytes a client may send that we have not parsed yet: more means it is not speaking RFB. */
const MAX_BUFFERED = 64 * 1024;
/** Longest ClientCutText accepted (its text is read and dropped). */
const MAX_CUT_TEXT = 1024 * 1024;

export interface PixelFormat {
  readonly bitsPerPixel: number;
  readonly depth: number;
  readonly bigEndian: boolean;
  readonly trueColour: boolean;
  readonly redMax: number;
  readonly greenMax: number;
  readonly blueMax: number;
  readonly redShift: number;
  readonly greenShift: number;
  readonly blueShift: number;
}

/** What the server offers in ServerInit: 32 bits per pixel, 8 bits per colour, little-endian. */
export const SERVER_PIXEL_FORMAT: PixelFormat = {
  bitsPerPixel: 32,
  depth: 24,
  bigEndian: false,
  trueColour: true,
  redMax: 255,
  greenMax: 255,
  blueMax: 255,
  redShift: 16,
  greenShift: 8,
  blueShift: 0,
};

/** The 16 bytes of PIXEL_FORMAT, its 3 padding bytes included. */
export function encodePixelFormat(pf: PixelFormat): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt8(pf.bitsPerPixel, 0);
  b.writeUInt8(pf.depth, 1);
  b.writeUInt8(pf.bigEndian ? 1 : 0, 2);
  b.writeUInt8(pf.trueColour ? 1 : 0, 3);
  b.writeUInt16BE(pf.redMax, 4);
  b.writeUInt16BE(pf.greenMax, 6);
  b.writeUInt16BE(pf.blueMax, 8);
  b.writeUInt8(pf.redShift, 10);
  b.writeUInt8(pf.greenShift, 11);
  b.writeUInt8(pf.blueShift, 12);
  return b;
}

export function decodePixelFormat(b: Buffer, at = 0): PixelFormat {
  return {
    bitsPerPixel: b.readUInt8(at),
    depth: b.readUInt8(at + 1),
    bigEndian: b.readUInt8(at + 2) !== 0,
    trueColour: b.readUInt8(at + 3) !== 0,
    redMax: b.readUInt16BE(at + 4),
    greenMax: b.readUInt16BE(at + 6),
    blueMax: b.readUInt16BE(at + 8),
    redShift: b.readUInt8(at + 10),
    greenShift: b.readUInt8(at + 11),
    blueShift: b.readUInt8(at + 12),
  };
}

export function serverInit(width: number, height: number, name: string): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(width, 0);
  head.writeUInt16BE(height, 2);
  const nameBytes = Buffer.from(name, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(nameBytes.length, 0);
  return Buffer.concat([head, encodePixelFormat(SERVER_PIXEL_FORMAT), len, nameBytes]);
}

/** The still picture: a colour gradient, so a viewer shows something recognisable. */
function rgbAt(x: number, y: number, width: number, height: number): [number, number, number] {
  return [Math.round((x * 255) / (width - 1)), Math.round((y * 255) / (height - 1)), 0x80];
}

/** A FramebufferUpdate with one Raw rectangle of the whole screen in the client's format. */
export function framebufferUpdate(pf: PixelFormat, width: number, height: number): Buffer {
  const bytes = pf.bitsPerPixel / 8;
  const out = Buffer.alloc(4 + 12 + width * height * bytes);
  out.writeUInt8(0, 0); // FramebufferUpdate
  out.writeUInt16BE(1, 2); // one rectangle
  out.writeUInt16BE(0, 4);
  out.writeUInt16BE(0, 6);
  out.writeUInt16BE(width, 8);
  out.writeUInt16BE(height, 10);
  out.writeInt32BE(0, 12); // Raw
  let at = 16;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgbAt(x, y, width, height);
      const v =
        ((Math.round((r * pf.redMax) / 255) << pf.redShift) |
          (Math.round((g * pf.greenMax) / 255) << pf.greenShift) |
          (Math.round((b * pf.blueMax) / 255) << pf.blueShift)) >>>
        0;
      if (bytes === 4) {
        if (pf.bigEndian) out.writeUInt32BE(v, at);
        else out.writeUInt32LE(v, at);
      } else if (bytes === 2) {
        if (pf.bigEndian) out.writeUInt16BE(v & 0xffff, at);
        else out.writeUInt16LE(v & 0xffff, at);
      } else {
        out.writeUInt8(v & 0xff, at);
      }
      at += bytes;
    }
  }
  return out;
}

type Phase = 'version' | 'security' | 'init' | 'normal';

/**
 * Serves one RFB connection on `socket` until either side closes. A client that breaks the
 * protocol is disconnected (3.8 clients get the reason first when it happens during security).
 */
export function serveRfb(socket: Socket, name: string): void {
  let phase: Phase = 'version';
  let minor = 8;
  let pf = SERVER_PIXEL_FORMAT;
  let buf: Buffer = Buffer.alloc(0);

  const fail = (): void => {
    socket.destroy();
  };

  // Returns how many bytes of `buf` one complete message takes, 0 when more are needed, -1 when bad.
  const step = (): number => {
    switch (phase) {
      case 'version': {
        if (buf.length < 12) return 0;
        const m = /^RFB (\d{3})\.(\d{3})\n$/.exec(buf.subarray(0, 12).toString('latin1'));
        if (m === null || Number(m[1]) !== 3) return -1;
        // 3.3 and 3.7 as asked; anything newer (or the odd 3.889 of Apple's) gets 3.8.
        const asked = Number(m[2]);
        minor = asked === 3 || asked === 7 ? asked : 8;
        if (minor === 3) {
          // 3.3: the server picks the security type (None), and no SecurityResult follows.
          socket.write(Buffer.from([0, 0, 0, 1]));
          phase = 'init';
        } else {
          socket.write(Buffer.from([1, 1])); // one type offered: None
          phase = 'security';
        }
        return 12;
      }
      case 'security': {
        if (buf.length < 1) return 0;
        if (buf[0] !== 1) {
          if (minor === 8) {
            const reason = Buffer.from('only security type None (1) is offered', 'utf8');
            const head = Buffer.alloc(8);
            head.writeUInt32BE(1, 0);
            head.writeUInt32BE(reason.length, 4);
            socket.end(Buffer.concat([head, reason]));
          }
          return -1;
        }
        // 3.8 always sends SecurityResult; 3.7 sends none for type None.
        if (minor === 8) socket.write(Buffer.from([0, 0, 0, 0]));
        phase = 'init';
        return 1;
      }
      case 'init': {
        if (buf.length < 1) return 0;
        socket.write(serverInit(FB_WIDTH, FB_HEIGHT, name));
        phase = 'normal';
        return 1;
      }
      case 'normal':
        return clientMessage();
    }
  };

  const clientMessage = (): number => {
    if (buf.length < 1) return 0;
    switch (buf[0]) {
      case 0: {
        // SetPixelFormat
        if (buf.length < 20) return 0;
        const asked = decodePixelFormat(buf, 4);
        if (![8, 16, 32].includes(asked.bitsPerPixel) || !asked.trueColour) return -1;
        pf = asked;
        return 20;
      }
      case 2: {
        // SetEncodings: Raw is always understood, whatever else the client lists.
        if (buf.length < 4) return 0;
        const size = 4 + 4 * buf.readUInt16BE(2);
        return buf.length < size ? 0 : size;
      }
      case 3: {
        // FramebufferUpdateRequest
        if (buf.length < 10) return 0;
        if (buf[1] === 0) socket.write(framebufferUpdate(pf, FB_WIDTH, FB_HEIGHT));
        return 10;
      }
      case 4:
        return buf.length < 8 ? 0 : 8; // KeyEvent
      case 5:
        return buf.length < 6 ? 0 : 6; // PointerEvent
      case 6: {
        // ClientCutText
        if (buf.length < 8) return 0;
        const len = buf.readUInt32BE(4);
        if (len > MAX_CUT_TEXT) return -1;
        return buf.length < 8 + len ? 0 : 8 + len;
      }
      default:
        return -1;
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      const used = step();
      if (used < 0) return fail();
      if (used === 0) break;
      buf = buf.subarray(used);
    }
    if (buf.length > MAX_BUFFERED + MAX_CUT_TEXT) fail();
  });
  socket.on('error', () => socket.destroy());
  socket.write(RFB_VERSION);
}
