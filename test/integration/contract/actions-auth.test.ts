// Every action of users and groups (§4.6); ACL rules have none (Sunstone's "not available").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionContract, sampleFixture, type Fixture, type FixtureSpec } from './action-runner.js';
import { contract, errorMessage, onedCalls, sampleMethods, type JsonObject } from './harness.js';

actionContract({
  url: 'user',
  fixtures: { default: sampleFixture('user', sampleMethods('user')) },
  refusal: 'read',
  elsewhere: {
    enable_two_factor_auth: 'the two-factor authentication tests',
    disable_two_factor_auth: 'the two-factor authentication tests',
  },
  cases: {
    disable: {},
    enable: { before: [['disable']] },
    passwd: { params: { password: 'changed' } },
    chgrp: { params: { group_id: 100 } },
    chauth: { params: { auth_driver: 'ldap' } },
    update: { params: { template_raw: 'EMAIL="c@example.org"', append: true } },
    set_quota: { params: { quotas: { VM: { VMS: '4', MEMORY: '4096' } } } },
    addgroup: { params: { group_id: 100 } },
    delgroup: { before: [['addgroup', { group_id: 100 }]], params: { group_id: 100 } },
    login: {
      params: async (f: Fixture) => ({
        username: (await f.c.show('user', f.id)).NAME,
        token: '',
        expire: 3600,
      }),
      check: async (f) => {
        const tokens = (await f.c.show('user', f.id)).LOGIN_TOKEN;
        assert.ok(tokens, 'the token is recorded on the user');
      },
    },
  },
});

/** A group with a member who can become its admin. */
const groupWithMember: FixtureSpec = {
  needs: [...sampleMethods('group'), ...sampleMethods('user')],
  async make(c) {
    const id = await c.create('group');
    const res = await c.as(c.admin, 'POST', '/user', {
      user: { name: `member-${id}`, password: 'x', gids: [id] },
    });
    assert.equal(res.statusCode, 201, res.body);
    return { c, id, extra: { member: Number(((res.json() as JsonObject).USER as JsonObject).ID) } };
  },
};

actionContract({
  url: 'group',
  fixtures: { default: groupWithMember },
  refusal: 'read',
  cases: {
    update: { params: { template_raw: 'DESCRIPTION="contract"', append: true } },
    set_quota: { params: { quotas: { VM: { VMS: '10' } } } },
    add_admin: { params: (f: Fixture) => ({ admin_id: f.extra.member }) },
    del_admin: {
      before: [['add_admin', (f: Fixture) => ({ admin_id: f.extra.member })]],
      params: (f: Fixture) => ({ admin_id: f.extra.member }),
    },
  },
});

actionContract({
  url: 'acl',
  fixtures: { default: sampleFixture('acl', sampleMethods('acl')) },
  refusal: 'read',
  cases: {},
});

test('acl: every perform is "not available" (500), without reading the rule, as Sunstone', async (t) => {
  const c = await contract(t);
  const calls = await onedCalls(async () => {
    const res = await c.act(c.admin, 'acl', 0, 'update', { template_raw: 'A=1' });
    assert.equal(res.statusCode, 500);
    assert.equal(errorMessage(res), 'update action not  available for this resource');
  });
  assert.deepEqual(calls, []);
});
