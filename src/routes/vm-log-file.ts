// A VM's log file as Sunstone's `{"vm_log":"<text>"}` (reference sunstone-server.md §8), produced
// piece by piece: the file is read in blocks from a fixed length (a log that grows meanwhile does
// not make the JSON endless), each block JSON-escaped on its own, so a log of any size costs a
// block of memory. `tail` starts the text at the last N lines, found by reading backwards.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

const BLOCK = 64 * 1024;

/** Where oned writes a VM's log: LOG/<id>.log for packages, VAR/vms/<id>/vm.log otherwise. */
export function vmLogPath(
  paths: { readonly oneLocation: string | null; readonly log: string; readonly vms: string },
  id: number,
  useVmsLocation: boolean,
): string {
  return paths.oneLocation === null && !useVmsLocation
    ? `${paths.log}/${id}.log`
    : `${paths.vms}/${id}/vm.log`;
}

/** An open log: its length when opened and the offset the answer starts at. */
export interface LogSpan {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The byte offset where the last `lines` lines of the first `size` bytes begin. A final newline
 * ends the last line rather than starting an empty one, as tail(1) counts.
 */
export async function tailOffset(path: string, size: number, lines: number): Promise<number> {
  if (lines <= 0) return size;
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(BLOCK);
    let pos = size;
    let seen = 0;
    let skipFinal = true;
    while (pos > 0) {
      const len = Math.min(BLOCK, pos);
      pos -= len;
      const { bytesRead } = await handle.read(buf, 0, len, pos);
      for (let i = bytesRead - 1; i >= 0; i--) {
        if (buf[i] !== 0x0a) {
          skipFinal = false;
          continue;
        }
        if (skipFinal) {
          skipFinal = false;
          continue;
        }
        if (++seen === lines) return pos + i + 1;
      }
    }
    return 0;
  } finally {
    await handle.close();
  }
}

/** The span to answer: the whole file, or its last `tail` lines. Rejects when the file cannot be read. */
export async function logSpan(path: string, tail: number | undefined): Promise<LogSpan> {
  const handle = await open(path, 'r');
  let size: number;
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
    size = st.size;
  } finally {
    await handle.close();
  }
  const start = tail === undefined ? 0 : await tailOffset(path, size, tail);
  return { path, start, end: size };
}

/** `{"vm_log":"...` + escaped text + `"}`, in pieces (compact, as Sunstone's to_json). */
export async function* vmLogJson(span: LogSpan): AsyncGenerator<string> {
  yield '{"vm_log":"';
  if (span.end > span.start) {
    const decoder = new StringDecoder('utf8');
    const stream = createReadStream(span.path, {
      start: span.start,
      end: span.end - 1,
      highWaterMark: BLOCK,
    });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      if (text !== '') yield JSON.stringify(text).slice(1, -1);
    }
    const rest = decoder.end();
    if (rest !== '') yield JSON.stringify(rest).slice(1, -1);
  }
  yield '"}';
}
