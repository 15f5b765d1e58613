import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterVms, isSortKey, sortVms } from '../../../../src/ui/model/vm-order.js';
import { summariseVm } from '../../../../src/ui/model/vm-summary.js';

function vm(id: number, name: string, extra: { mem?: string; owner?: string; state?: string } = {}) {
  return summariseVm({
    ID: String(id),
    NAME: name,
    UNAME: extra.owner ?? 'oneadmin',
    GNAME: 'oneadmin',
    STATE: extra.state ?? '3',
    LCM_STATE: '3',
    TEMPLATE: extra.mem === undefined ? { CPU: '1' } : { CPU: '1', MEMORY: extra.mem },
  });
}

const rows = [
  vm(10, 'web-10', { mem: '2048' }),
  vm(2, 'web-2', { mem: '512', owner: 'alice' }),
  vm(1, 'db-1', { state: '8' }),
];

test('every word of the filter must match some shown value, case-insensitively', () => {
  assert.deepEqual(
    filterVms(rows, 'WEB').map((v) => v.id),
    ['10', '2'],
  );
  assert.deepEqual(
    filterVms(rows, 'web alice').map((v) => v.id),
    ['2'],
  );
  assert.deepEqual(
    filterVms(rows, 'poweroff').map((v) => v.id),
    ['1'],
  );
  assert.equal(filterVms(rows, '   '), rows, 'a blank filter returns the same list');
});

test('names sort naturally (web-2 before web-10), ids numerically', () => {
  assert.deepEqual(
    sortVms(rows, { key: 'name', dir: 'asc' }).map((v) => v.name),
    ['db-1', 'web-2', 'web-10'],
  );
  assert.deepEqual(
    sortVms(rows, { key: 'id', dir: 'desc' }).map((v) => v.id),
    ['10', '2', '1'],
  );
});

test('numbers sort by value and a missing value goes last', () => {
  assert.deepEqual(
    sortVms(rows, { key: 'memory', dir: 'asc' }).map((v) => v.id),
    ['2', '10', '1'],
  );
});

test('sorting does not touch the input and ties keep id order', () => {
  const copy = rows.slice();
  const sorted = sortVms(rows, { key: 'group', dir: 'asc' });
  assert.deepEqual(rows, copy);
  assert.deepEqual(
    sorted.map((v) => v.id),
    ['1', '2', '10'],
  );
});

test('isSortKey accepts column keys only', () => {
  assert.ok(isSortKey('memory'));
  assert.ok(!isSortKey('password'));
});
