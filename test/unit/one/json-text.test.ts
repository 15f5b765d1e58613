import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { jsonChunks, toSunstonePrettyJson } from '../../../src/one/json-text.js';
import type { OneJsonValue } from '../../../src/one/types.js';
import { SHARED, SHARED_SKIP } from '../../shared.js';

async function joined(v: OneJsonValue, opts: Parameters<typeof jsonChunks>[1] = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const c of jsonChunks(v, opts)) out.push(c);
  return out;
}

const noYield = { yieldToLoop: async () => {} };

test('jsonChunks joined is byte-identical to JSON.stringify', async () => {
  const values: OneJsonValue[] = [
    { VM_POOL: { VM: null } },
    { VM_POOL: { VM: [] } },
    { HOST_POOL: {} },
    {
      VM_POOL: {
        VM: [
          { ID: '1', T: { D: [{ A: '1' }, { A: '2' }] } },
          { ID: '2', N: 'a "q" \\ \n é 😀 </script>' },
        ],
      },
    },
    { USER_POOL: { USER: [{ ID: '0' }], QUOTAS: [{ ID: '0' }], DEFAULT_USER_QUOTAS: {} } },
    JSON.parse('{"__proto__":"x","a":[1]}') as OneJsonValue,
    ['a', ['b', 'c'], { d: [] }],
    'plain',
    null,
  ];
  for (const v of values) {
    assert.equal((await joined(v, { chunkChars: 1, ...noYield })).join(''), JSON.stringify(v));
    assert.equal((await joined(v, noYield)).join(''), JSON.stringify(v));
  }
});

test('a 20,000-element pool comes in many chunks with turns of the event loop between them', async () => {
  const vms = Array.from({ length: 20_000 }, (_, i) => ({
    ID: String(i),
    NAME: `vm-${i}`,
    TEMPLATE: { CPU: '1' },
  }));
  const pool = { VM_POOL: { VM: vms } };
  let turns = 0;
  const chunks = await joined(pool, {
    chunkChars: 16 * 1024,
    yieldEveryChars: 64 * 1024,
    yieldToLoop: async () => void turns++,
  });
  const whole = JSON.stringify(pool);
  assert.equal(chunks.join(''), whole);
  assert.ok(chunks.length >= Math.floor(whole.length / (16 * 1024)), `chunks ${chunks.length}`);
  assert.ok(turns >= Math.floor(whole.length / (64 * 1024)) - 1, `turns ${turns}`);
});

test(
  'golden xml2json: pretty output is pretty_generate (json >= 2.8) byte for byte',
  { skip: SHARED_SKIP },
  () => {
    const dir = join(SHARED ?? '', 'reference/golden/xml2json');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.compact.json'))) {
      const base = f.slice(0, -'.compact.json'.length);
      const value = JSON.parse(readFileSync(join(dir, f), 'utf8')) as OneJsonValue;
      assert.equal(toSunstonePrettyJson(value), readFileSync(join(dir, `${base}.json`), 'utf8'), base);
    }
  },
);
