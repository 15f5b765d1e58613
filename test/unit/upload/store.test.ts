// The upload store on its own: names, chunks in any order and in parallel, completeness, the
// stale sweep, and chunks that disagree with the upload they belong to.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { parseRangeMarker, rangeMarkerName, uploadDirName } from '../../../src/upload/names.js';
import { UploadStore, type ChunkRequest } from '../../../src/upload/store.js';

function store(t: TestContext, opts: { max?: number | null; now?: () => number } = {}): UploadStore {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return new UploadStore({
    tmpdir: dir,
    maxFileSize: opts.max ?? null,
    ...(opts.now ? { now: opts.now } : {}),
  });
}

function chunk(id: string, n: number, size: number, total: number, data: Buffer): [ChunkRequest, Readable] {
  return [
    { identifier: id, chunkNumber: n, chunkSize: size, totalSize: total, currentChunkSize: data.length },
    Readable.from([data]),
  ];
}

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

test('names: plain identifiers kept, anything else hashed; markers round-trip', () => {
  assert.equal(uploadDirName('1234-diskqcow2'), 'sunstone-upload-1234-diskqcow2');
  assert.equal(uploadDirName('disk.qcow2'), 'sunstone-upload-disk.qcow2');
  for (const bad of ['../x', '.hidden', 'a/b', 'a..b', '', 'x'.repeat(200), 'sp ace', 'nul\0']) {
    assert.match(uploadDirName(bad), /^sunstone-upload-h-[0-9a-f]{64}$/, JSON.stringify(bad));
  }
  assert.notEqual(uploadDirName('../x'), uploadDirName('../y'));
  assert.deepEqual(parseRangeMarker(rangeMarkerName(10, 20)), { start: 10, end: 20 });
  assert.equal(parseRangeMarker('meta.json'), null);
});

test('chunks out of order and in parallel assemble the file; registering needs every byte', async (t) => {
  const s = store(t);
  const data = Buffer.from(Array.from({ length: 10_500 }, (_, i) => i % 256));
  const size = 1000;
  const chunks = Array.from({ length: 10 }, (_, i) =>
    chunk('par', i + 1, size, data.length, data.subarray(i * size, i === 9 ? data.length : (i + 1) * size)),
  );
  const [last, ...rest] = chunks.reverse();
  assert.ok(last);
  assert.equal(await code(s.assembled('par')), 'SUN_ERR_UPLOAD_NOT_FOUND');
  await Promise.all(rest.map(([req, src]) => s.writeChunk(req, src)));
  assert.equal(await code(s.assembled('par')), 'SUN_ERR_UPLOAD_INCOMPLETE', 'chunk 1 is missing');
  await s.writeChunk(...last);
  const path = await s.assembled('par');
  assert.deepEqual(readFileSync(path), data);
  await s.remove('par');
  assert.equal(existsSync(path), false);
});

test('a chunk must agree with the upload: total size, position, announced size, the limit', async (t) => {
  const s = store(t, { max: 5000 });
  await s.writeChunk(...chunk('agree', 1, 100, 300, Buffer.alloc(100)));
  assert.equal(
    await code(s.writeChunk(...chunk('agree', 2, 100, 400, Buffer.alloc(100)))),
    'SUN_ERR_UPLOAD_BAD_CHUNK',
  );
  assert.equal(
    await code(s.writeChunk(...chunk('agree', 4, 100, 300, Buffer.alloc(100)))),
    'SUN_ERR_UPLOAD_BAD_CHUNK',
  );
  assert.equal(
    await code(s.writeChunk(...chunk('big', 1, 100, 6000, Buffer.alloc(100)))),
    'SUN_ERR_UPLOAD_TOO_LARGE',
  );
  const short: ChunkRequest = {
    identifier: 'agree',
    chunkNumber: 2,
    chunkSize: 100,
    totalSize: 300,
    currentChunkSize: 100,
  };
  assert.equal(
    await code(s.writeChunk(short, Readable.from([Buffer.alloc(60)]))),
    'SUN_ERR_UPLOAD_BAD_CHUNK',
  );
  assert.equal(
    await code(s.writeChunk(short, Readable.from([Buffer.alloc(160)]))),
    'SUN_ERR_UPLOAD_BAD_CHUNK',
  );
  const broken = new Readable({ read() {} });
  const failing = s.writeChunk(short, broken);
  broken.push(Buffer.alloc(10));
  broken.destroy(new Error('client went away'));
  assert.equal(await code(failing), 'SUN_ERR_UPLOAD_BAD_CHUNK');
  assert.equal(
    await code(s.assembled('agree')),
    'SUN_ERR_UPLOAD_INCOMPLETE',
    'none of the failed chunks counts',
  );
  const markers = readdirSync(s.paths('agree').dir).filter((n) => n.startsWith('range-'));
  assert.deepEqual(markers, ['range-0-100']);
});

test('an empty file is one empty chunk', async (t) => {
  const s = store(t);
  await s.writeChunk(...chunk('empty', 1, 1000, 0, Buffer.alloc(0)));
  assert.equal(readFileSync(await s.assembled('empty')).length, 0);
});

test('sweepStale removes uploads untouched for a day, and nothing that is not ours', async (t) => {
  let clock = Date.now();
  const s = store(t, { now: () => clock });
  await s.writeChunk(...chunk('old', 1, 10, 10, Buffer.alloc(10)));
  await s.writeChunk(...chunk('new', 1, 10, 10, Buffer.alloc(10)));
  const day = 24 * 3600;
  const old = s.paths('old').dir;
  utimesSync(old, clock / 1000 - 2 * day, clock / 1000 - 2 * day);
  assert.equal(await s.sweepStale(), 1);
  assert.equal(existsSync(old), false);
  assert.equal(existsSync(s.paths('new').dir), true);
  clock += 2 * day * 1000;
  assert.equal(await s.sweepStale(), 1);
  assert.deepEqual(readdirSync(s.tmpdir), []);
});
