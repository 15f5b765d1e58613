// The upload store: resumable.js chunks written straight to their place in one file under :tmpdir
// (reference sunstone-server.md §3.6), streamed, never held in memory beyond a stream buffer.
//
// Layout, one directory per upload (names.ts): `data` is the assembled file, `meta.json` the total
// size every chunk agrees on, and `range-<start>-<end>` an empty marker written once a chunk's last
// byte is on disk. POST /upload accepts the file only when the markers cover every byte, so an
// interrupted chunk (no marker) is simply sent again, chunks may arrive in any order or in
// parallel, and several servers sharing :tmpdir (NFS) see the same state. Nothing about an upload
// is kept in the process.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  UploadBadChunkError,
  UploadDiskFullError,
  UploadIncompleteError,
  UploadIoError,
  UploadNotFoundError,
  UploadTooLargeError,
} from './errors.js';
import { parseRangeMarker, rangeMarkerName, UPLOAD_PREFIX, uploadPaths, type UploadPaths } from './names.js';

/** One chunk as resumable.js describes it (resumableChunkNumber ... resumableIdentifier). */
export interface ChunkRequest {
  readonly identifier: string;
  /** 1-based. */
  readonly chunkNumber: number;
  /** The nominal chunk size: chunk n starts at (n-1)*chunkSize. */
  readonly chunkSize: number;
  readonly totalSize: number;
  /** Bytes in this chunk, when the client says (resumable.js always does). */
  readonly currentChunkSize?: number;
}

export interface UploadStoreOptions {
  /** :tmpdir. */
  readonly tmpdir: string;
  /** :max_upload_file_size in bytes; null = no limit but the disk. */
  readonly maxFileSize: number | null;
  /** Mode of the assembled file: oned's datastore driver (same user, or group) reads it. */
  readonly fileMode?: number;
  /** Uploads untouched for this long are removed by sweepStale() (default 24 h). */
  readonly staleAfterMs?: number;
  /** Epoch ms. */
  readonly now?: () => number;
  /** Most :tmpdir entries with our prefix looked at by one sweep (default 1000). */
  readonly sweepLimit?: number;
}

export interface WrittenChunk {
  readonly start: number;
  readonly end: number;
}

interface Meta {
  readonly totalSize: number;
}

function errnoOf(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** ENOSPC, or EDQUOT when a quota is what ran out: both mean "no room for this upload". */
function isNoSpace(err: unknown): boolean {
  const code = errnoOf(err);
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** An error from the file system (it names a syscall), as opposed to one from the request stream. */
function isFsError(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && typeof (err as { syscall?: unknown }).syscall === 'string'
  );
}

function isOurs(err: unknown): boolean {
  return errnoOf(err)?.startsWith('SUN_ERR_') === true;
}

/** Passes bytes through until `limit`; one byte more fails the stream without writing it. */
class ByteLimit extends Transform {
  count = 0;
  readonly #limit: number;
  readonly #tooMany: () => Error;

  constructor(limit: number, tooMany: () => Error) {
    super();
    this.#limit = limit;
    this.#tooMany = tooMany;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.count + chunk.length > this.#limit) {
      done(this.#tooMany());
      return;
    }
    this.count += chunk.length;
    done(null, chunk);
  }
}

export class UploadStore {
  readonly #o: Required<UploadStoreOptions>;

  constructor(options: UploadStoreOptions) {
    this.#o = {
      fileMode: 0o640,
      staleAfterMs: 24 * 3600 * 1000,
      now: Date.now,
      sweepLimit: 1000,
      ...options,
    };
  }

  get tmpdir(): string {
    return this.#o.tmpdir;
  }

  /** Where an identifier's upload lives (sanitised; always inside :tmpdir). */
  paths(identifier: string): UploadPaths {
    return uploadPaths(this.#o.tmpdir, identifier);
  }

  /**
   * Writes one chunk from `source` at its offset, then marks its range as complete. Rejects with
   * 413 (file over :max_upload_file_size), 400 (inconsistent chunk), 507 (disk full: the whole
   * upload is removed) or 500 (other I/O).
   */
  async writeChunk(req: ChunkRequest, source: Readable): Promise<WrittenChunk> {
    // The request stream may fail (client gone) before the pipeline below listens: keep that from
    // becoming an uncaught error; the pipeline still sees the stream destroyed and rejects.
    source.on('error', () => undefined);
    const start = this.#checkChunk(req);
    const limit = Math.min(req.totalSize - start, req.currentChunkSize ?? Number.POSITIVE_INFINITY);
    const paths = this.paths(req.identifier);
    try {
      await this.#ensureMeta(paths, req);
      const counter = new ByteLimit(limit, () =>
        req.currentChunkSize !== undefined && limit === req.currentChunkSize
          ? new UploadBadChunkError(
              `Chunk ${req.chunkNumber} of ${JSON.stringify(req.identifier)} carries more than the ` +
                `${req.currentChunkSize} bytes its resumableCurrentChunkSize announces`,
            )
          : new UploadBadChunkError(
              `Chunk ${req.chunkNumber} of ${JSON.stringify(req.identifier)} goes past the end of the ` +
                `${req.totalSize}-byte file its resumableTotalSize announces`,
            ),
      );
      // O_CREAT without O_TRUNC: the first chunk to arrive creates the file, none ever truncates it.
      const handle = await open(paths.data, constants.O_WRONLY | constants.O_CREAT, this.#o.fileMode);
      await pipeline(source, counter, handle.createWriteStream({ start, autoClose: true }));
      const end = start + counter.count;
      if (req.currentChunkSize !== undefined && counter.count !== req.currentChunkSize) {
        throw new UploadBadChunkError(
          `Chunk ${req.chunkNumber} of ${JSON.stringify(req.identifier)} has ${counter.count} bytes, but its ` +
            `resumableCurrentChunkSize says ${req.currentChunkSize}; send it again`,
        );
      }
      await writeFile(join(paths.dir, rangeMarkerName(start, end)), '');
      return { start, end };
    } catch (err) {
      throw await this.#failure(err, paths, 'write');
    }
  }

  /**
   * The assembled file of a finished upload, to hand to oned. Rejects with 400 when there is no
   * such upload and 409 when bytes are missing.
   */
  async assembled(identifier: string): Promise<string> {
    const paths = this.paths(identifier);
    const meta = await this.#readMeta(paths);
    if (meta === null) throw new UploadNotFoundError(identifier, this.#o.tmpdir);
    let names: string[];
    try {
      names = await readdir(paths.dir);
      await stat(paths.data);
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') throw new UploadNotFoundError(identifier, this.#o.tmpdir);
      throw new UploadIoError('read', paths.data, err);
    }
    const ranges = names
      .map(parseRangeMarker)
      .filter((r): r is { start: number; end: number } => r !== null)
      .sort((a, b) => a.start - b.start);
    let covered = 0;
    for (const r of ranges) {
      if (r.start > covered) break;
      covered = Math.max(covered, r.end);
    }
    if (covered < meta.totalSize) {
      const next = ranges.find((r) => r.start > covered);
      throw new UploadIncompleteError(identifier, covered, next?.start ?? meta.totalSize, meta.totalSize);
    }
    return paths.data;
  }

  /** Removes an upload and everything it wrote (missing is fine). */
  async remove(identifier: string): Promise<void> {
    await rm(this.paths(identifier).dir, { recursive: true, force: true });
  }

  /**
   * Removes uploads nobody touched for :staleAfterMs (abandoned in the browser, never registered),
   * so :tmpdir does not fill up over months. Bounded; never rejects. Returns how many went.
   */
  async sweepStale(): Promise<number> {
    const cutoff = this.#o.now() - this.#o.staleAfterMs;
    let names: string[];
    try {
      names = await readdir(this.#o.tmpdir);
    } catch {
      return 0;
    }
    let removed = 0;
    let seen = 0;
    for (const name of names) {
      if (!name.startsWith(UPLOAD_PREFIX)) continue;
      if (++seen > this.#o.sweepLimit) break;
      const path = join(this.#o.tmpdir, name);
      try {
        const s = await stat(path);
        if (s.isDirectory() && s.mtimeMs < cutoff) {
          await rm(path, { recursive: true, force: true });
          removed++;
        }
      } catch {
        // Gone meanwhile (another server swept it), or not ours to judge: leave it.
      }
    }
    return removed;
  }

  /** The chunk's first byte, after checking its numbers against each other and the size limit. */
  #checkChunk(req: ChunkRequest): number {
    const id = JSON.stringify(req.identifier);
    if (req.identifier === '') throw new UploadBadChunkError('resumableIdentifier is empty');
    const max = this.#o.maxFileSize;
    if (max !== null && req.totalSize > max) throw new UploadTooLargeError(req.totalSize, max);
    if (req.currentChunkSize !== undefined && max !== null && req.currentChunkSize > max) {
      throw new UploadTooLargeError(req.currentChunkSize, max);
    }
    const start = (req.chunkNumber - 1) * req.chunkSize;
    if (!Number.isSafeInteger(start) || (start >= req.totalSize && !(start === 0 && req.totalSize === 0))) {
      throw new UploadBadChunkError(
        `Chunk ${req.chunkNumber} of ${id} would start at byte ${start}, past the end of the ` +
          `${req.totalSize}-byte file (resumableChunkNumber, resumableChunkSize and resumableTotalSize disagree)`,
      );
    }
    if (req.currentChunkSize !== undefined && start + req.currentChunkSize > req.totalSize) {
      throw new UploadBadChunkError(
        `Chunk ${req.chunkNumber} of ${id} (${req.currentChunkSize} bytes from byte ${start}) goes past ` +
          `the end of the ${req.totalSize}-byte file`,
      );
    }
    return start;
  }

  async #readMeta(paths: UploadPaths): Promise<Meta | null> {
    let text: string;
    try {
      text = await readFile(paths.meta, 'utf8');
    } catch (err) {
      if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return null;
      throw new UploadIoError('read', paths.meta, err);
    }
    try {
      const meta = JSON.parse(text) as Partial<Meta>;
      if (typeof meta.totalSize === 'number') return { totalSize: meta.totalSize };
    } catch {
      // fall through
    }
    throw new UploadIoError('read', paths.meta, new Error('not the JSON this server writes'));
  }

  /** Creates the upload's directory and meta.json, or checks that the chunk agrees with them. */
  async #ensureMeta(paths: UploadPaths, req: ChunkRequest): Promise<void> {
    const meta = await this.#readMeta(paths);
    if (meta !== null) {
      if (meta.totalSize !== req.totalSize) {
        throw new UploadBadChunkError(
          `The upload ${JSON.stringify(req.identifier)} was started with resumableTotalSize ` +
            `${meta.totalSize}; this chunk says ${req.totalSize}. Use a new resumableIdentifier for another file.`,
        );
      }
      return;
    }
    await mkdir(paths.dir, { recursive: true, mode: 0o750 });
    // Written aside and renamed: a concurrent chunk reads either nothing or the whole file.
    const aside = `${paths.meta}.${randomBytes(6).toString('hex')}`;
    await writeFile(aside, JSON.stringify({ totalSize: req.totalSize } satisfies Meta), { mode: 0o640 });
    await rename(aside, paths.meta);
  }

  /** The error to report for a failed chunk; a full disk also removes the partial upload. */
  async #failure(err: unknown, paths: UploadPaths, what: string): Promise<unknown> {
    if (isNoSpace(err)) {
      await rm(paths.dir, { recursive: true, force: true }).catch(() => undefined);
      return new UploadDiskFullError(this.#o.tmpdir, err);
    }
    if (isOurs(err)) return err;
    if (isFsError(err)) return new UploadIoError(what, paths.data, err);
    // The request stream failed: the client went away or sent a truncated body.
    const why = err instanceof Error ? err.message : String(err);
    return new UploadBadChunkError(`The chunk did not arrive whole (${why}); send it again`);
  }
}
