import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leaseTemplate, permissionArgs, reservationTemplate } from '../../../src/routes/derived-args.js';

test('chmod: the octet gives use/manage/admin bits per digit, else the nine flags (-1 = unchanged)', () => {
  assert.deepEqual(permissionArgs(new Map([['octet', '640']])), [1, 1, 0, 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(permissionArgs(new Map([['octet', '751']])), [1, 1, 1, 1, 0, 1, 0, 0, 1]);
  assert.deepEqual(
    permissionArgs(
      new Map<string, number>([
        ['other_u', 1],
        ['owner_a', 0],
      ]),
    ),
    [-1, -1, 0, -1, -1, -1, 1, -1, -1],
  );
});

test('vnet leases name the address kind as oned wants it; anything else is a 400 naming the parameter', () => {
  assert.equal(leaseTemplate('ip', '10.0.0.7'), 'LEASES = [ IP = 10.0.0.7 ]');
  assert.equal(leaseTemplate('ip', 'fd00::7'), 'LEASES = [ IP6 = fd00::7 ]');
  assert.equal(leaseTemplate('ip', '02:00:0a:00:00:07'), 'LEASES = [ MAC = 02:00:0a:00:00:07 ]');
  assert.throws(() => leaseTemplate('ip', 'ten'), { code: 'SUN_ERR_ROUTE_BAD_PARAMETER', message: /"ip"/ });
});

test('reservations: SIZE always, the rest only when given, the name quoted and escaped', () => {
  assert.equal(reservationTemplate(new Map([['size', 4]])), 'SIZE = 4\n');
  assert.equal(
    reservationTemplate(
      new Map<string, string | number>([
        ['size', 2],
        ['name', 'r "1"'],
        ['ar_id', 0],
        ['vnet', 9],
        ['addr', '10.0.0.9'],
      ]),
    ),
    'SIZE = 2\nNAME = "r \\"1\\""\nAR_ID = 0\nNETWORK_ID = 9\nIP = 10.0.0.9\n',
  );
});
