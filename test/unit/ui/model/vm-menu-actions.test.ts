import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindByUrl } from '../../../../src/one/catalogue.js';
import { menuActionsFor } from '../../../../src/ui/model/vm-menu-actions.js';

const menu = menuActionsFor('vm');

test('the VM menu has the power actions of issue #2 with the catalogue labels', () => {
  const byId = new Map(menu.map((a) => [a.id, a]));
  assert.deepEqual(byId.get('poweroff'), {
    id: 'poweroff',
    perform: 'poweroff',
    params: { hard: false },
    label: 'Power off',
    danger: false,
  });
  assert.equal(byId.get('resume')?.label, 'Resume');
  assert.equal(byId.get('reboot')?.params.hard, false);
  assert.equal(byId.get('terminate')?.danger, true);
  assert.deepEqual(byId.get('poweroff-hard')?.params, { hard: true });
  assert.equal(byId.get('poweroff-hard')?.danger, true);
});

test('every labelled catalogue action whose parameters all have defaults is in the menu, no other', () => {
  const kind = kindByUrl('vm');
  assert.ok(kind);
  const expected = kind.actions
    .filter((a) => a.ui && a.params.every((p) => p.default !== undefined))
    .map((a) => a.name)
    .sort();
  const soft = menu.filter((a) => !a.id.endsWith('-hard')).map((a) => a.perform);
  assert.deepEqual(soft.sort(), expected);
  assert.ok(!menu.some((a) => a.perform === 'deploy'), 'deploy needs a host: not a one-click action');
});

test('safe actions come before every danger action', () => {
  const firstDanger = menu.findIndex((a) => a.danger);
  assert.ok(firstDanger > 0);
  assert.ok(menu.slice(firstDanger).every((a) => a.danger));
});

test('an unknown kind has no menu', () => {
  assert.deepEqual(menuActionsFor('nope'), []);
});
