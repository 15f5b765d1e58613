// The simulator's method table comes from the resource catalogue: every method the catalogue
// names is served, and accepts every argument list the catalogue sends (the checks xmlrpc-c's
// paramList makes: arity and types, optional groups whole).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueMethods } from '../../../src/one/catalogue.js';
import { acceptsSignature } from '../../../src/oned-sim/call.js';
import { methodTable } from '../../../src/oned-sim/methods/table.js';

test('every method of the catalogue is in the table', () => {
  const table = methodTable();
  const missing = catalogueMethods()
    .map((m) => m.method)
    .filter((m) => !table.has(m));
  assert.deepEqual(missing, []);
});

test("every argument list the catalogue sends passes the method's parameter checks", () => {
  const table = methodTable();
  const wrong: string[] = [];
  for (const { method, signatures } of catalogueMethods()) {
    const spec = table.get(method);
    if (!spec) continue;
    for (const sig of signatures)
      if (!acceptsSignature(spec, sig))
        wrong.push(`${method}(${sig}) against ${spec.params} + ${JSON.stringify(spec.optional ?? [])}`);
  }
  assert.deepEqual(wrong, []);
});

test('acceptsSignature: required types first, then whole optional groups', () => {
  const spec = { params: 'is', optional: ['bs', 'b'], handler: () => 0 };
  assert.ok(acceptsSignature(spec, 'is'));
  assert.ok(acceptsSignature(spec, 'isbs'));
  assert.ok(acceptsSignature(spec, 'isbsb'));
  assert.ok(!acceptsSignature(spec, 'isb'));
  assert.ok(!acceptsSignature(spec, 'ii'));
  assert.ok(!acceptsSignature(spec, 'isbsbb'));
});

test('OneFlow documents and the accounting methods are served although no kind names them', () => {
  const table = methodTable();
  for (const m of [
    'one.document.allocate',
    'one.document.info',
    'one.document.update',
    'one.document.delete',
    'one.documentpool.info',
    'one.vmpool.accounting',
    'one.vmpool.showback',
    'one.vmpool.monitoring',
    'one.hostpool.monitoring',
    'one.vm.monitoring',
    'one.host.monitoring',
    'one.zone.raftstatus',
  ])
    assert.ok(table.has(m), m);
});
