// Where an upload lives under :tmpdir. Ruby Sunstone joined the client's resumableIdentifier to
// the directory as it came (reference sunstone-server.md §3.6, §11 item 9), so "../x" escaped it and
// "systemd-private-..." could overwrite anything the server's user owns there. Here every upload
// is one directory with our prefix, named after the identifier when that is a plain name and
// after its SHA-256 otherwise: the same identifier always maps to the same place (on every server
// sharing :tmpdir), and no identifier can reach outside it or touch files that are not ours.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const UPLOAD_PREFIX = 'sunstone-upload-';

/** What resumable.js generates (size-name with [^0-9a-zA-Z_-] removed), plus dots, within reason. */
const PLAIN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

/** The directory name of an upload (a single path segment, always under our prefix). */
export function uploadDirName(identifier: string): string {
  if (PLAIN.test(identifier) && !identifier.includes('..')) return `${UPLOAD_PREFIX}${identifier}`;
  return `${UPLOAD_PREFIX}h-${createHash('sha256').update(identifier, 'utf8').digest('hex')}`;
}

export interface UploadPaths {
  /** The upload's own directory. */
  readonly dir: string;
  /** The assembled file, handed to oned as the image's PATH. */
  readonly data: string;
  /** Total size and other facts every chunk agrees on. */
  readonly meta: string;
}

export function uploadPaths(tmpdir: string, identifier: string): UploadPaths {
  const dir = join(tmpdir, uploadDirName(identifier));
  return { dir, data: join(dir, 'data'), meta: join(dir, 'meta.json') };
}

/** Marker of a chunk whose bytes [start, end) are on disk: written only after the last byte. */
export function rangeMarkerName(start: number, end: number): string {
  return `range-${start}-${end}`;
}

/** The range a marker name stands for, or null for any other file. */
export function parseRangeMarker(name: string): { start: number; end: number } | null {
  const m = /^range-(\d+)-(\d+)$/.exec(name);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && end >= start ? { start, end } : null;
}
