import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactDocument, poolItemsText, prettyDocument } from '../../../src/one/lite-json.js';
import type { OneJsonValue } from '../../../src/one/types.js';
import { xmlToJson, xmlToLiteTree } from '../../../src/one/xml-to-json.js';
import type { XmlJsonRules } from '../../../src/one/xml-tree.js';
import { SHARED_SKIP } from '../../shared.js';
import { mutations, referenceDocs, simulatorDocs } from './xml-docs.js';

/** The light tree's texts equal JSON.stringify of the objects, compact and pretty, under `rules`. */
async function same(xml: string, rules: XmlJsonRules, label: string): Promise<boolean> {
  const lite = await xmlToLiteTree(xml, rules);
  if (lite === null) return false;
  const json = xmlToJson(xml, { rules });
  assert.equal(compactDocument(lite), JSON.stringify(json), `${label} (${rules}, compact)`);
  assert.equal(prettyDocument(lite), JSON.stringify(json, null, 2), `${label} (${rules}, pretty)`);
  // The byte writer of pool pages, on the root element as if it were a page's only item.
  const bytes = poolItemsText(
    { name: 'PAGE', value: { names: [lite.name], values: [lite.value] } },
    lite.name,
  );
  assert.equal(
    Buffer.concat(bytes.pieces).toString(),
    JSON.stringify(json[lite.name]),
    `${label} (${rules}, bytes)`,
  );
  return true;
}

test('simulator documents: the text is JSON.stringify of the objects, byte for byte', async () => {
  for (const [label, xml] of simulatorDocs()) {
    for (const rules of ['dom', 'pool'] as const) assert.ok(await same(xml, rules, label), label);
  }
});

test('reference documents, both rule sets', { skip: SHARED_SKIP }, async () => {
  for (const [label, xml] of referenceDocs()) {
    for (const rules of ['dom', 'pool'] as const) await same(xml, rules, label);
  }
});

test('hand-written cases: repeats anywhere, empty elements, text split by comments, escapes', async () => {
  const docs = [
    '<T><A>1</A><B>x</B><A>2</A><M>lead<S>1</S>tail</M><A><Z/></A></T>',
    '<T><E/><F></F><G><![CDATA[]]></G><S>one<!-- c -->two</S><C><![CDATA[a]]><![CDATA[b]]></C></T>',
    '<T><N>q " b \\ \t nl\n cr &#13;&#x9;</N><U>é 😀 \u2028 \u007f</U><W>\n\t</W></T>',
    `<T>${Array.from({ length: 40 }, (_, i) => `<K${i % 23}>${i}</K${i % 23}>`).join('')}</T>`,
    '<T><__proto__>x</__proto__><constructor>y</constructor><constructor>z</constructor></T>',
    '<T><a:B>1</a:B><c:B>2</c:B></T>',
    '<T/>',
    '<T>just text</T>',
    '<T><X><Y><Z>deep</Z><Z><Q/></Z></Y></X></T>',
  ];
  for (const xml of docs) {
    for (const rules of ['dom', 'pool'] as const) assert.ok(await same(xml, rules, xml), xml);
  }
});

test('mutated documents: whatever the scanner takes is written as JSON.stringify writes it', async () => {
  let checked = 0;
  for (const [label, xml] of mutations(simulatorDocs()[0]?.[1] ?? '', 600)) {
    if (await same(xml, 'dom', label)) checked++;
  }
  assert.ok(checked > 0);
});

test('pool page items: count and comma-joined compact text of the element children only', async () => {
  const xml = '<VM_POOL><VM><ID>1</ID><D>a</D><D>b</D></VM><OTHER>o</OTHER><VM><ID>2</ID></VM></VM_POOL>';
  const lite = await xmlToLiteTree(xml, 'pool');
  assert.ok(lite);
  const items = (xmlToJson(xml, { rules: 'pool' }).VM_POOL as { VM: OneJsonValue[] }).VM;
  const two = poolItemsText(lite, 'VM');
  assert.equal(two.count, 2);
  assert.equal(Buffer.concat(two.pieces).toString(), JSON.stringify(items).slice(1, -1));
  for (const empty of ['<VM_POOL/>', '<VM_POOL></VM_POOL>', '<VM_POOL> </VM_POOL>']) {
    const e = await xmlToLiteTree(empty, 'pool');
    assert.ok(e);
    assert.deepEqual(poolItemsText(e, 'VM'), { count: 0, pieces: [] }, empty);
  }
  // A long page comes in pieces of up to 64 KiB, each valid UTF-8, that join to the same text.
  const long = `<VM_POOL>${Array.from({ length: 4000 }, (_, i) => `<VM><ID>${i}</ID><N>n "${i}" é😀</N></VM>`).join('')}</VM_POOL>`;
  const many = await xmlToLiteTree(long, 'pool');
  assert.ok(many);
  const { count, pieces } = poolItemsText(many, 'VM');
  const all = (xmlToJson(long, { rules: 'pool' }).VM_POOL as { VM: OneJsonValue[] }).VM;
  assert.equal(count, 4000);
  assert.ok(pieces.length > 2 && pieces.every((p) => p.length <= 64 * 1024), `${pieces.length} pieces`);
  assert.equal(pieces.map((p) => p.toString()).join(''), JSON.stringify(all).slice(1, -1));
});

test('documents outside the fast subset give no light tree (the caller converts them with saxes)', async () => {
  assert.equal(await xmlToLiteTree('<VM a="1"><ID>1</ID></VM>', 'dom'), null);
  assert.equal(await xmlToLiteTree('<VM><ID>1</VM>', 'dom'), null);
});
