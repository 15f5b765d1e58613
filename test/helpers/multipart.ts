// multipart/form-data bodies as resumable.js sends them: fields first, then the file part.
import { Readable } from 'node:stream';

export interface MultipartFile {
  readonly field?: string;
  readonly filename?: string;
  readonly data: Buffer;
}

const BOUNDARY = '----sunstoneTestBoundary7MA4YWxkTrZu0gW';

export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function fieldPart(name: string, value: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}

function fileHead(field: string, filename: string): string {
  return (
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n'
  );
}

const TAIL = `\r\n--${BOUNDARY}--\r\n`;

/** A whole body in memory (for app.inject). */
export function multipartBody(fields: Readonly<Record<string, string>>, file?: MultipartFile): Buffer {
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(fieldPart(k, v)));
  if (file) {
    parts.push(
      Buffer.from(fileHead(file.field ?? 'file', file.filename ?? 'blob')),
      file.data,
      Buffer.from(TAIL),
    );
  } else {
    parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  }
  return Buffer.concat(parts);
}

/** The exact length of a streamed body whose file part has `size` bytes. */
export function multipartLength(fields: Readonly<Record<string, string>>, size: number): number {
  const head = Object.entries(fields)
    .map(([k, v]) => fieldPart(k, v))
    .join('');
  return (
    Buffer.byteLength(head) + Buffer.byteLength(fileHead('file', 'blob')) + size + Buffer.byteLength(TAIL)
  );
}

/** A body generated as it is read: `size` file bytes from `block` repeated, never held whole. */
export function multipartStream(
  fields: Readonly<Record<string, string>>,
  size: number,
  block: Buffer,
): Readable {
  async function* gen(): AsyncGenerator<Buffer> {
    for (const [k, v] of Object.entries(fields)) yield Buffer.from(fieldPart(k, v));
    yield Buffer.from(fileHead('file', 'blob'));
    let left = size;
    while (left > 0) {
      const n = Math.min(left, block.length);
      yield n === block.length ? block : block.subarray(0, n);
      left -= n;
    }
    yield Buffer.from(TAIL);
  }
  return Readable.from(gen(), { objectMode: false });
}
