import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindByUrl, type ResourceKind } from '../../../src/one/catalogue.js';
import { OneError } from '../../../src/one/errors.js';
import { fetchPool, type PoolFetchDeps } from '../../../src/one/pool-fetch.js';
import { fetchPoolText } from '../../../src/one/pool-text.js';
import type { PoolText } from '../../../src/one/types.js';
import { fetched, scripted } from './scripted-pool.js';

function kind(url: string): ResourceKind {
  const k = kindByUrl(url);
  assert.ok(k, url);
  return k;
}

const vmPage = (ids: number[]) =>
  `<VM_POOL>${ids.map((i) => `<VM><ID>${i}</ID><NAME>vm "${i}" é</NAME><T><D>a</D><D>b</D></T></VM>`).join('')}</VM_POOL>`;

/** Pieces are strings or UTF-8 bytes (each valid on its own). */
async function text(t: PoolText): Promise<string> {
  if ('whole' in t) return t.whole.toString();
  let s = '';
  for await (const piece of t.pieces) s += piece.toString();
  return s;
}

test('the text of a paged pool is byte-identical to JSON.stringify(fetchPool()), whole when one page', async () => {
  const layouts: [string, string[], number, 'whole' | 'pieces'][] = [
    ['empty', ['<VM_POOL/>'], 3, 'whole'],
    ['empty, open and close tags', ['<VM_POOL></VM_POOL>'], 3, 'whole'],
    ['one short page', [vmPage([1, 2])], 3, 'whole'],
    ['one full page, then an empty one', [vmPage([1, 2, 3]), '<VM_POOL></VM_POOL>'], 3, 'pieces'],
    ['three pages', [vmPage([1, 2, 3]), vmPage([4, 5, 6]), vmPage([7])], 3, 'pieces'],
  ];
  for (const [label, answers, size, form] of layouts) {
    const expected = JSON.stringify(await fetchPool(scripted([...answers], size).deps, kind('vm'), -2));
    const t = await fetchPoolText(scripted([...answers], size).deps, kind('vm'), -2);
    assert.ok(form in t, `${label}: ${form}`);
    assert.equal(await text(t), expected, label);
  }
  const images = [
    '<IMAGE_POOL><IMAGE><ID>1</ID></IMAGE><IMAGE><ID>2</ID></IMAGE></IMAGE_POOL>',
    '<IMAGE_POOL><IMAGE><ID>3</ID></IMAGE></IMAGE_POOL>',
  ];
  assert.equal(
    await text(await fetchPoolText(scripted([...images], 2).deps, kind('image'), -4)),
    '{"IMAGE_POOL":{"IMAGE":[{"ID":"1"},{"ID":"2"},{"ID":"3"}]}}',
  );
});

test('unpaged pools: whole when small, in pieces from 1,000 elements, same bytes either way', async () => {
  const hosts = (n: number) =>
    `<HOST_POOL>${Array.from({ length: n }, (_, i) => `<HOST><ID>${i}</ID></HOST>`).join('')}</HOST_POOL>`;
  for (const [n, form] of [
    [2, 'whole'],
    [1000, 'pieces'],
  ] as const) {
    const expected = JSON.stringify(await fetchPool(scripted([hosts(n)], 200).deps, kind('host'), -2));
    const t = await fetchPoolText(scripted([hosts(n)], 200).deps, kind('host'), -2);
    assert.ok(form in t, `${n} hosts: ${form}`);
    assert.equal(await text(t), expected);
  }
  const ext = scripted([vmPage([1])], 200);
  const t = await fetchPoolText(ext.deps, kind('vm'), -2, { extended: true });
  assert.equal(ext.calls[0]?.method, 'one.vmpool.infoextended');
  assert.equal(await text(t), '{"VM_POOL":{"VM":{"ID":"1","NAME":"vm \\"1\\" é","T":{"D":["a","b"]}}}}');
});

/** Deps answering pages from `answers`, failing the call at `failAt` (0-based) with an oned error. */
function failing(answers: string[], failAt: number, pageSize: number): PoolFetchDeps {
  let n = 0;
  return {
    fetch: async (method) => {
      if (n++ === failAt)
        throw new OneError(method, "[one.vmpool.info] User couldn't be authenticated", 256, -1);
      const next = answers.shift();
      assert.ok(next !== undefined);
      return fetched(next);
    },
    pageSize,
    maxElements: 1_000_000,
  };
}

test('a failing first page rejects before any text exists (the route can still answer an error)', async () => {
  await assert.rejects(fetchPoolText(failing([], 0, 3), kind('vm'), -2), {
    code: 'SUN_ERR_ONE_AUTHENTICATION',
  });
});

test('a failing later page fails the pieces after the first ones: the JSON is never closed', async () => {
  const t = await fetchPoolText(failing([vmPage([1, 2, 3]), vmPage([4, 5, 6])], 2, 3), kind('vm'), -2);
  assert.ok('pieces' in t);
  let sent = '';
  await assert.rejects(
    (async () => {
      for await (const piece of t.pieces) sent += piece;
    })(),
    { code: 'SUN_ERR_ONE_AUTHENTICATION' },
  );
  assert.ok(sent.startsWith('{"VM_POOL":{"VM":[{"ID":"1"'), sent);
  assert.ok(sent.includes('{"ID":"6"'), 'the pages before the failure were written');
  assert.throws(() => JSON.parse(sent), SyntaxError, 'never closed as if complete');
});

test('a reader that stops early cancels the page asked ahead', async () => {
  const s = scripted([vmPage([1, 2]), vmPage([3, 4]), vmPage([5, 6])], 2);
  const t = await fetchPoolText(s.deps, kind('vm'), -2);
  assert.ok('pieces' in t);
  for await (const piece of t.pieces) {
    assert.ok(piece.toString().startsWith('{"VM_POOL"'));
    break;
  }
  assert.ok(s.signals.length <= 3, 'the first page and at most two ahead were asked for');
  assert.ok(
    s.signals.slice(1).every((signal) => signal?.aborted === true),
    'the calls ahead are cancelled',
  );
});
