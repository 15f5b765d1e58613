import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, templateOf } from '../../../src/oned-sim/template.js';
import { parseTemplate, TemplateSyntaxError } from '../../../src/oned-sim/template-parse.js';

test('attributes serialise sorted by name, repeats in insertion order, values in CDATA', () => {
  const t = templateOf([
    ['MEMORY', '512'],
    ['DISK', { TARGET: 'vdb', IMAGE_ID: '1' }],
    ['CPU', '1'],
    ['DISK', { IMAGE_ID: '0' }],
  ]);
  assert.equal(
    t.xml('TEMPLATE'),
    '<TEMPLATE><CPU><![CDATA[1]]></CPU><DISK><IMAGE_ID><![CDATA[1]]></IMAGE_ID><TARGET><![CDATA[vdb]]></TARGET></DISK>' +
      '<DISK><IMAGE_ID><![CDATA[0]]></IMAGE_ID></DISK><MEMORY><![CDATA[512]]></MEMORY></TEMPLATE>',
  );
  assert.equal(new Template().xml('TEMPLATE'), '<TEMPLATE></TEMPLATE>');
});

test('a value holding "]]>" stays well-formed', () => {
  const t = templateOf([['X', 'a]]>b']]);
  assert.equal(t.body(), '<X><![CDATA[a]]]]><![CDATA[>b]]></X>');
});

test('merge replaces same-name attributes and keeps the others; replaceWith drops them', () => {
  const base = templateOf([
    ['A', '1'],
    ['B', '2'],
    ['NIC', { X: '1' }],
    ['NIC', { X: '2' }],
  ]);
  base.merge(
    templateOf([
      ['NIC', { X: '3' }],
      ['C', '4'],
    ]),
  );
  assert.deepEqual(
    base.attrs.map((a) => a.name),
    ['A', 'B', 'C', 'NIC'],
  );
  assert.equal(base.vectors('NIC')[0]?.get('X'), '3');
  base.replaceWith(templateOf([['Z', '9']]));
  assert.equal(base.body(), '<Z><![CDATA[9]]></Z>');
});

test('parses OpenNebula syntax: quotes, escapes, bare values, vectors over lines, comments, upper-cased names', () => {
  const t = parseTemplate(
    'name = "web"\n# a comment\ncpu=0.5\nDESCRIPTION = "say \\"hi\\""\ndisk = [\n  image_id = "0",\n  dev_prefix = vd\n]\nEMPTY = ""\n',
  );
  assert.equal(t.get('NAME'), 'web');
  assert.equal(t.get('CPU'), '0.5');
  assert.equal(t.get('DESCRIPTION'), 'say "hi"');
  assert.equal(t.get('EMPTY'), '');
  assert.deepEqual(
    [...(t.vector('DISK') ?? [])],
    [
      ['IMAGE_ID', '0'],
      ['DEV_PREFIX', 'vd'],
    ],
  );
});

test('parses XML templates whose root is TEMPLATE, CDATA or text', () => {
  const t = parseTemplate(
    '<TEMPLATE><CPU>1</CPU><NIC><NETWORK_ID><![CDATA[2]]></NETWORK_ID></NIC></TEMPLATE>',
  );
  assert.equal(t.get('CPU'), '1');
  assert.equal(t.vector('NIC')?.get('NETWORK_ID'), '2');
});

test('syntax errors say where; malformed XML says so', () => {
  assert.throws(
    () => parseTemplate('CPU = [ A = 1'),
    (e: Error) => e instanceof TemplateSyntaxError && /line 1/.test(e.message),
  );
  assert.throws(
    () => parseTemplate('CPU 1'),
    (e: Error) => e instanceof TemplateSyntaxError && /expecting EQUAL/.test(e.message),
  );
  assert.throws(() => parseTemplate('<TEMPLATE><CPU>'), /XML Template malformed/);
  assert.throws(() => parseTemplate('<VM><CPU>1</CPU></VM>'), /XML Template malformed/);
});

test('quotes inside values as Sunstone writes them (unescaped) end the value only where a value can end', () => {
  const t = parseTemplate(
    'DESCRIPTION="say "hi" to C:\\temp\\"\nCONTEXT=[\n  START_SCRIPT="echo "a\\b" > /tmp/x",\n  LIST="["a", "b"]",\n  NETWORK="YES"\n]\nREQ="ID="0" | ID="1""\nESC="a \\"b\\" c"\n',
  );
  assert.equal(t.get('DESCRIPTION'), 'say "hi" to C:\\temp\\');
  assert.equal(t.vector('CONTEXT')?.get('START_SCRIPT'), 'echo "a\\b" > /tmp/x');
  assert.equal(t.vector('CONTEXT')?.get('LIST'), '["a", "b"]');
  assert.equal(t.vector('CONTEXT')?.get('NETWORK'), 'YES');
  assert.equal(t.get('REQ'), 'ID="0" | ID="1"');
  assert.equal(t.get('ESC'), 'a "b" c');
});
