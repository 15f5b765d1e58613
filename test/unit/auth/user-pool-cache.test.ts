import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserIndex, usersOfPool, type PoolUser } from '../../../src/auth/pool-users.js';
import { UserPoolCache } from '../../../src/auth/user-pool-cache.js';

const user = (id: number, name: string, driver: string, password: string, enabled = true): PoolUser => ({
  id,
  name,
  driver,
  password,
  enabled,
});

test('users of a pool document: one user, several, none; ENABLED 0 is disabled', () => {
  const one = usersOfPool({
    USER_POOL: { USER: { ID: '0', NAME: 'oneadmin', PASSWORD: 'ab', AUTH_DRIVER: 'core', ENABLED: '1' } },
  });
  assert.deepEqual(one, [user(0, 'oneadmin', 'core', 'ab')]);
  const two = usersOfPool({
    USER_POOL: {
      USER: [
        { ID: '4', NAME: 'carol', PASSWORD: 'carol', AUTH_DRIVER: 'public', ENABLED: '0' },
        { ID: '5', NAME: 'dave', PASSWORD: {}, AUTH_DRIVER: 'x509', ENABLED: '1' },
      ],
      QUOTAS: [],
    },
  });
  assert.deepEqual(two, [user(4, 'carol', 'public', 'carol', false), user(5, 'dave', 'x509', '')]);
  assert.deepEqual(usersOfPool({ USER_POOL: {} }), []);
  assert.deepEqual(usersOfPool({}), []);
});

test('the index: by name, public users by exact password, x509 users by any of their DNs', () => {
  const index = new UserIndex([
    user(2, 'demo', 'core', 'hash'),
    user(4, 'carol', 'public', 'carol'),
    user(5, 'dave', 'x509', '/CN=a|/CN=b\\20c'),
    user(6, 'eve', 'core', 'carol'),
  ]);
  assert.equal(index.byName('demo')?.id, 2);
  assert.equal(index.byName('Demo'), undefined);
  assert.equal(index.publicUser('carol')?.name, 'carol');
  assert.equal(index.publicUser('caro'), undefined);
  assert.equal(index.x509User('/CN=a')?.name, 'dave');
  assert.equal(index.x509User('/CN=b\\20c')?.name, 'dave');
  assert.equal(index.x509User('/CN=a|/CN=b\\20c'), undefined, 'the whole list is not a DN');
  assert.equal(index.x509User('/CN=b'), undefined, 'no substring matches');
});

test('the pool is fetched once per 60 s, and once for a burst of logins while the fetch runs', async () => {
  let now = 1_000_000;
  let release: (() => void) | undefined;
  const cache = new UserPoolCache({
    now: () => now,
    fetch: () =>
      new Promise<PoolUser[]>((resolve) => {
        release = () => resolve([user(0, 'oneadmin', 'core', 'x')]);
      }),
  });
  const burst = Array.from({ length: 50 }, () => cache.users());
  assert.equal(cache.fetches, 1);
  release?.();
  const indexes = await Promise.all(burst);
  assert.ok(indexes.every((i) => i === indexes[0]));
  now += 59_999;
  await cache.users();
  assert.equal(cache.fetches, 1);
  now += 1;
  const again = cache.users();
  assert.equal(cache.fetches, 2);
  release?.();
  await again;
});

test('a failed fetch is not cached and stale users are not used after it', async () => {
  let now = 0;
  let fail = false;
  const cache = new UserPoolCache({
    now: () => now,
    fetch: async () => {
      if (fail) throw new Error('oned down');
      return [user(0, 'oneadmin', 'core', 'x')];
    },
  });
  await cache.users();
  now += 60_000;
  fail = true;
  await assert.rejects(cache.users(), /oned down/);
  await assert.rejects(cache.users(), /oned down/);
  assert.equal(cache.fetches, 3);
  fail = false;
  assert.equal((await cache.users()).size, 1);
});
