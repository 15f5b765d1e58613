import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asList, child, num, objectList, text } from '../../../../src/ui/model/one-json.js';

test('asList accepts the one-or-many shapes of Sunstone JSON (§4.1)', () => {
  assert.deepEqual(asList(undefined), []);
  assert.deepEqual(asList(null), []);
  assert.deepEqual(asList({}), [], 'an empty element is {} and means none');
  assert.deepEqual(asList({ ID: '1' }), [{ ID: '1' }]);
  assert.deepEqual(asList([{ ID: '1' }, { ID: '2' }]), [{ ID: '1' }, { ID: '2' }]);
  assert.deepEqual(asList('x'), ['x']);
});

test('objectList drops text entries; child takes the first object', () => {
  assert.deepEqual(objectList([{ A: '1' }, 'junk', { A: '2' }]), [{ A: '1' }, { A: '2' }]);
  assert.deepEqual(child({ T: [{ A: '1' }, { A: '2' }] }, 'T'), { A: '1' });
  assert.equal(child({ T: {} }, 'T'), undefined);
});

test('text reads strings, gives "" for empty elements, and the last value of a repeated one', () => {
  assert.equal(text({ NAME: 'web' }, 'NAME'), 'web');
  assert.equal(text({ DEPLOY_ID: {} }, 'DEPLOY_ID'), '');
  assert.equal(text({ VMS: ['1', '2'] }, 'VMS'), '2');
  assert.equal(text(undefined, 'X'), '');
});

test('num parses numeric text and refuses the rest', () => {
  assert.equal(num({ CPU: '0.5' }, 'CPU'), 0.5);
  assert.equal(num({ CPU: ' 2 ' }, 'CPU'), 2);
  assert.equal(num({ CPU: '' }, 'CPU'), null);
  assert.equal(num({ CPU: 'lots' }, 'CPU'), null);
  assert.equal(num({}, 'CPU'), null);
});
