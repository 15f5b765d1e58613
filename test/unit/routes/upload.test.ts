// POST /upload_chunk and POST /upload (reference §3.6, issue #4 §3) against the real simulator:
// chunked upload resumed after an interrupted chunk, CSRF as resumable.js sends it, size limit,
// path traversal, oned refusing the image.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { buildTestApp, type LoggedIn, type TestApp } from '../../helpers/app.js';
import { MULTIPART_TYPE, multipartBody } from '../../helpers/multipart.js';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-upload-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function pattern(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 7 + 3) % 251;
  return b;
}

interface Chunk {
  readonly identifier: string;
  readonly number: number;
  readonly chunkSize: number;
  readonly total: number;
  readonly data: Buffer;
}

/** The fields resumable.js sends, csrftoken included as its `query` option puts it. */
function chunkFields(c: Chunk, csrf: string | undefined): Record<string, string> {
  return {
    resumableChunkNumber: String(c.number),
    resumableChunkSize: String(c.chunkSize),
    resumableCurrentChunkSize: String(c.data.length),
    resumableTotalSize: String(c.total),
    resumableType: 'application/octet-stream',
    resumableIdentifier: c.identifier,
    resumableFilename: 'disk.img',
    resumableRelativePath: 'disk.img',
    resumableTotalChunks: '2',
    ...(csrf === undefined ? {} : { csrftoken: csrf }),
  };
}

async function sendChunk(
  ta: TestApp,
  s: LoggedIn,
  c: Chunk,
  opts: { csrf?: string; truncate?: number } = {},
) {
  let payload = multipartBody(chunkFields(c, opts.csrf ?? s.csrf), { data: c.data, filename: 'blob' });
  if (opts.truncate !== undefined) payload = payload.subarray(0, payload.length - opts.truncate);
  return ta.app.inject({
    method: 'POST',
    url: '/upload_chunk',
    headers: { cookie: s.cookie, 'content-type': MULTIPART_TYPE },
    payload,
  });
}

async function register(ta: TestApp, s: LoggedIn, tempfile: string | undefined, img: unknown) {
  const form = new URLSearchParams({ csrftoken: s.csrf, file: 'disk.img', img: JSON.stringify(img) });
  if (tempfile !== undefined) form.set('tempfile', tempfile);
  return ta.app.inject({
    method: 'POST',
    url: '/upload',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
}

const IMG = { image: { NAME: 'uploaded', TYPE: 'OS', DESCRIPTION: 'from a test' }, ds_id: 1 };

test('a file larger than one chunk, resumed after an interrupted chunk, becomes an image', async (t) => {
  const dir = tempDir(t);
  const ta = await buildTestApp(t, { config: { tmpdir: dir } });
  const s = await ta.login('oneadmin', 'opennebula');
  const file = pattern(2500);
  const id = '2500-diskimg';
  // resumable.js: chunkSize 1000, 2500 bytes -> 2 chunks, the last one 1500 bytes.
  const c1 = { identifier: id, number: 1, chunkSize: 1000, total: 2500, data: file.subarray(0, 1000) };
  const c2 = { identifier: id, number: 2, chunkSize: 1000, total: 2500, data: file.subarray(1000) };

  assert.equal((await sendChunk(ta, s, c2, { truncate: 700 })).statusCode, 400, 'an interrupted chunk fails');
  const first = await sendChunk(ta, s, c1);
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.body, '', "Sunstone's empty 200");

  const early = await register(ta, s, id, IMG);
  assert.equal(early.statusCode, 409, 'registering before every byte arrived is refused');
  assert.match(early.json().error.message, /bytes 1000 to 2499 of 2500 never arrived/);

  const resumed = await sendChunk(ta, s, c2);
  assert.equal(resumed.statusCode, 200, resumed.body);
  const uploadDir = join(dir, `sunstone-upload-${id}`);
  assert.deepEqual(
    readFileSync(join(uploadDir, 'data')),
    file,
    'the assembled file is byte for byte the original',
  );

  const res = await register(ta, s, id, IMG);
  assert.equal(res.statusCode, 201, res.body);
  const image = (res.json() as { IMAGE: { ID: string; NAME: string; STATE: string; PATH: string } }).IMAGE;
  assert.equal(image.NAME, 'uploaded');
  assert.equal(image.STATE, '1', 'answered once the image left LOCKED');
  const rec = ta.sim.core.state.images.get(Number(image.ID));
  assert.equal(rec?.path, join(uploadDir, 'data'), 'oned got the assembled file as PATH');
  assert.equal(existsSync(uploadDir), false, 'the upload is removed once oned has the image');
});

test('CSRF: the token may come as a form field, the query or the header; a wrong one writes nothing', async (t) => {
  const dir = tempDir(t);
  const ta = await buildTestApp(t, { config: { tmpdir: dir } });
  const s = await ta.login('oneadmin', 'opennebula');
  const c = { identifier: 'csrf-1', number: 1, chunkSize: 100, total: 10, data: pattern(10) };
  const bad = await sendChunk(ta, s, c, { csrf: 'nope' });
  assert.equal(bad.statusCode, 401);
  assert.equal(bad.body, 'csrftoken');
  assert.deepEqual(readdirSync(dir), [], 'nothing written for a forged request');

  const noSession = await ta.app.inject({
    method: 'POST',
    url: '/upload_chunk',
    headers: { 'content-type': MULTIPART_TYPE },
    payload: multipartBody(chunkFields(c, s.csrf), { data: c.data }),
  });
  assert.equal(noSession.statusCode, 401, 'no session, no upload');

  for (const via of ['query', 'header'] as const) {
    const fields = chunkFields({ ...c, identifier: `csrf-${via}` }, undefined);
    const res = await ta.app.inject({
      method: 'POST',
      url: via === 'query' ? `/upload_chunk?csrftoken=${s.csrf}` : '/upload_chunk',
      headers: {
        cookie: s.cookie,
        'content-type': MULTIPART_TYPE,
        ...(via === 'header' ? { 'x-csrf-token': s.csrf } : {}),
      },
      payload: multipartBody(fields, { data: c.data }),
    });
    assert.equal(res.statusCode, 200, `${via}: ${res.body}`);
  }
});

test('too large: :max_upload_file_size is enforced by the server (413), by declaration and by bytes', async (t) => {
  const dir = tempDir(t);
  const ta = await buildTestApp(t, { config: { tmpdir: dir, max_upload_file_size: 2000 } });
  const s = await ta.login('oneadmin', 'opennebula');
  const big = await sendChunk(ta, s, {
    identifier: 'big',
    number: 1,
    chunkSize: 5000,
    total: 3000,
    data: pattern(3000),
  });
  assert.equal(big.statusCode, 413);
  assert.match(
    big.json().error.message,
    /3000 bytes, and this server accepts at most 2000 bytes \(:max_upload_file_size/,
  );
  assert.deepEqual(readdirSync(dir), [], 'nothing written');

  // A client that announces a small file and sends more is stopped at the announced size.
  const liar = await sendChunk(ta, s, {
    identifier: 'liar',
    number: 1,
    chunkSize: 5000,
    total: 1000,
    data: pattern(1900),
  });
  assert.equal(liar.statusCode, 400);
  assert.match(liar.json().error.message, /carries more than the 1900 bytes|goes past the end/);
  const data = join(dir, 'sunstone-upload-liar', 'data');
  assert.ok(!existsSync(data) || readFileSync(data).length <= 1000, 'never more than announced on disk');
});

test('path traversal: an identifier cannot leave :tmpdir, and still names its upload', async (t) => {
  const root = tempDir(t);
  const dir = join(root, 'tmp');
  const ta = await buildTestApp(t, { config: { tmpdir: dir } });
  const s = await ta.login('oneadmin', 'opennebula');
  for (const identifier of ['../escaped', '../../etc/passwd', '/abs/path', 'a/../../b', '..']) {
    const data = pattern(50);
    const res = await sendChunk(ta, s, { identifier, number: 1, chunkSize: 100, total: 50, data });
    assert.equal(res.statusCode, 200, `${identifier}: ${res.body}`);
  }
  assert.deepEqual(readdirSync(root), ['tmp'], 'nothing written beside :tmpdir');
  const names = readdirSync(dir);
  assert.equal(names.length, 5);
  assert.ok(
    names.every((n) => /^sunstone-upload-h-[0-9a-f]{64}$/.test(n)),
    names.join(', '),
  );

  const res = await register(ta, s, '../escaped', IMG);
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(readdirSync(dir).length, 4, 'that upload, and only it, is gone');
});

test('POST /upload: missing tempfile, bad img, unknown upload, oned refusing the image', async (t) => {
  const dir = tempDir(t);
  const ta = await buildTestApp(t, { config: { tmpdir: dir } });
  const s = await ta.login('oneadmin', 'opennebula');

  const none = await register(ta, s, undefined, IMG);
  assert.equal(none.statusCode, 500);
  assert.equal(
    none.json().error.message,
    'There was a problem uploading the file, please check the permissions on the file',
  );
  const badImg = await register(ta, s, 'x', { ds_id: 1 });
  assert.equal(badImg.statusCode, 400);
  const unknown = await register(ta, s, 'never-sent', IMG);
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /There is no upload "never-sent"/);

  const c = { identifier: 'refused', number: 1, chunkSize: 100, total: 20, data: pattern(20) };
  assert.equal((await sendChunk(ta, s, c)).statusCode, 200);
  const refused = await register(ta, s, 'refused', { image: { NAME: 'x' }, ds_id: 999 });
  assert.equal(refused.statusCode, 500);
  assert.match(refused.json().error.message, /\[one\.image\.allocate\]/, "oned's message");
  assert.deepEqual(readdirSync(dir), [], 'the upload is removed when oned refuses it, as Sunstone does');
});
