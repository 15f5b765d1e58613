import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRubyYaml } from '../../../src/config/ruby-yaml.js';

test('symbol keys lose their leading colon at every depth, plain keys stay', () => {
  const doc = parseRubyYaml(':log:\n  :level: 2\n:leases:\n  suspense:\n    :time: "+1"\n', 'f.conf');
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.data, { log: { level: 2 }, leases: { suspense: { time: '+1' } } });
  assert.ok(doc.plainKeys.has('leases/suspense'));
  assert.ok(!doc.plainKeys.has('log/level'));
});

test('yes/no/on/off are booleans in any case, as Psych reads them; y and n stay text', () => {
  const doc = parseRubyYaml(':a: yes\n:b: No\n:c: ON\n:d: off\n:e: y\n:f: n\n:g: "no"\n:h: yEs\n', 'f');
  assert.deepEqual(doc.data, { a: true, b: false, c: true, d: false, e: 'y', f: 'n', g: 'no', h: true });
});

test('YAML 1.1 scalars: empty is null, 010 is octal', () => {
  const doc = parseRubyYaml(':cert:\n:key: \n:oct: 010\n:n: ~\n', 'f');
  assert.deepEqual(doc.data, { cert: null, key: null, oct: 8, n: null });
});

test('each key keeps its line, nested ones too', () => {
  const doc = parseRubyYaml('---\n# c\n:port: 1\n:log:\n    :level: 3\n', 'f');
  assert.equal(doc.lines.get('port'), 3);
  assert.equal(doc.lines.get('log'), 4);
  assert.equal(doc.lines.get('log/level'), 5);
});

test('a syntax error is one problem with file:line:col', () => {
  const doc = parseRubyYaml(':a: 1\n:b: "open\n:c: 3\n', '/etc/one/sunstone-server.conf');
  assert.equal(doc.problems.length, 1);
  assert.match(doc.problems[0] ?? '', /^\/etc\/one\/sunstone-server\.conf:\d+:\d+: YAML syntax error: /);
  const bad = parseRubyYaml(':a: b: c\n', 'f.conf');
  assert.match(bad.problems[0] ?? '', /^f\.conf:1:5: YAML syntax error/);
});

test('a top level that is not a mapping is a problem; an empty file is not', () => {
  assert.deepEqual(parseRubyYaml('- a\n- b\n', 'f').problems, [
    'f:1: the file must be a mapping of settings such as ":port: 9869"',
  ]);
  const empty = parseRubyYaml('# nothing here\n', 'f');
  assert.deepEqual(empty.problems, []);
  assert.deepEqual(empty.data, {});
});

test('a key given twice: the last wins, with a warning naming both lines', () => {
  const doc = parseRubyYaml(':port: 1\n:port: 2\n', 'f');
  assert.equal(doc.data.port, 2);
  assert.deepEqual(doc.warnings, [
    'f:2: :port is set again (first at line 1); the last one wins, as in Sunstone',
  ]);
});

test('a stray plain key never overrides the symbol one, wherever it sits', () => {
  const doc = parseRubyYaml(':port: 1\nport: 2\n', 'f');
  assert.equal(doc.data.port, 1);
  assert.match(
    doc.warnings[0] ?? '',
    /^f:2: port \(no leading colon\) is not read by Sunstone; :port at line 1/,
  );
});

test('aliases resolve; __proto__ is plain data', () => {
  const doc = parseRubyYaml(':a: &x [1, 2]\n:b: *x\n:__proto__: 5\n', 'f');
  assert.deepEqual(doc.data.b, [1, 2]);
  assert.equal(Object.getPrototypeOf(doc.data), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(doc.data, '__proto__')?.value, 5);
});
