// UTF-8 bytes written into pieces of a fixed size, for JSON text that goes straight to a socket.
// Building a pool page's JSON as a JS string cost about 15 bytes of short-lived strings per byte of
// output (each `+=` a new cons string, then the flattening and the copy into a Buffer at write
// time); written here, a page costs its own bytes and nothing else, and converts twice as fast.
// Each piece is valid UTF-8 on its own: a string is never split between two pieces.

const DEFAULT_PIECE_BYTES = 64 * 1024;

export class ByteWriter {
  readonly #pieceBytes: number;
  readonly #done: Buffer[] = [];
  #buf: Buffer;
  #used = 0;

  constructor(pieceBytes = DEFAULT_PIECE_BYTES) {
    this.#pieceBytes = Math.max(64, pieceBytes);
    this.#buf = Buffer.allocUnsafe(this.#pieceBytes);
  }

  /** Bytes written so far. */
  get length(): number {
    let n = this.#used;
    for (const b of this.#done) n += b.length;
    return n;
  }

  write(s: string): void {
    const len = s.length;
    // Room for the worst case (3 bytes per UTF-16 unit), so that the string stays in one piece.
    if (this.#used + len * 3 > this.#buf.length) {
      this.#cut();
      if (len * 3 > this.#buf.length) {
        this.#done.push(Buffer.from(s, 'utf8'));
        return;
      }
    }
    // ASCII byte by byte: Buffer#write is a native call, which for the short strings of a JSON
    // text costs more than the copy itself. From the first other character on, the encoder.
    const buf = this.#buf;
    let at = this.#used;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.#used = at + buf.write(i === 0 ? s : s.slice(i), at);
        return;
      }
      buf[at++] = c;
    }
    this.#used = at;
  }

  /** The pieces written (none when nothing was); the writer starts over. */
  take(): Buffer[] {
    this.#cut();
    return this.#done.splice(0);
  }

  #cut(): void {
    if (this.#used === 0) return;
    this.#done.push(this.#buf.subarray(0, this.#used));
    this.#buf = Buffer.allocUnsafe(this.#pieceBytes);
    this.#used = 0;
  }
}
