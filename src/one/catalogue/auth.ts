// Users, groups and ACL rules (sunstone-server.md §4.5-4.6; oned-xmlrpc.md §2.3, §2.10).
// enable/disable_two_factor_auth are procedures (src/routes/procedures/user-two-factor.ts: the code
// is checked before the secret is saved). Not here: enable/disable_security_key (WebAuthn); group
// chown (Sunstone lists it but oned has no one.group.chown: it always failed).
import { ID, bool, call, deleteById, int, lit, obj, param, str, toggle, update } from './common.js';
import type { KindBehaviour } from './types.js';

export const user: KindBehaviour = {
  actions: [
    toggle('enable', 'one.user.enable', true),
    toggle('disable', 'one.user.enable', false),
    call('passwd', 'one.user.passwd', [ID, param('password')], [str('password')]),
    call('chgrp', 'one.user.chgrp', [ID, param('group_id')], [int('group_id')]),
    // "" keeps the password
    call('chauth', 'one.user.chauth', [ID, param('auth_driver'), lit('')], [str('auth_driver')]),
    update('user'),
    call('set_quota', 'one.user.quota', [ID, { from: 'template', name: 'quotas' }], [obj('quotas')]),
    call('addgroup', 'one.user.addgroup', [ID, param('group_id')], [int('group_id')]),
    call('delgroup', 'one.user.delgroup', [ID, param('group_id')], [int('group_id')]),
    // one.user.login names the user, not the id: -> the token string
    call(
      'login',
      'one.user.login',
      [param('username'), param('token'), param('expire'), param('egid')],
      [str('username', ''), str('token', ''), int('expire', 36000), int('egid', -1)],
      'value',
    ),
    {
      name: 'enable_two_factor_auth',
      procedure: 'user-enable-two-factor-auth',
      methods: ['one.user.update'],
      params: [str('secret'), str('token'), obj('current_sunstone_setting', true)],
    },
    {
      name: 'disable_two_factor_auth',
      procedure: 'user-disable-two-factor-auth',
      methods: ['one.user.update'],
      params: [obj('current_sunstone_setting', true), bool('delete_all')],
    },
  ],
  // one.user.allocate(name, password, driver, gids): "core" and [] (default group) when absent.
  create: {
    root: 'user',
    method: 'one.user.allocate',
    args: [
      { from: 'field', key: 'name', type: 'string' },
      { from: 'field', key: 'password', type: 'string' },
      { from: 'field', key: 'auth_driver', type: 'string', default: 'core' },
      { from: 'field', key: 'gids', type: 'integer-list' },
    ],
  },
  delete: deleteById('user'),
};

export const group: KindBehaviour = {
  actions: [
    update('group'),
    call('set_quota', 'one.group.quota', [ID, { from: 'template', name: 'quotas' }], [obj('quotas')]),
    call('add_admin', 'one.group.addadmin', [ID, param('admin_id')], [int('admin_id')]),
    call('del_admin', 'one.group.deladmin', [ID, param('admin_id')], [int('admin_id')]),
  ],
  // allocate, default and shared ACLs, optional admin user, Sunstone views (OCA Group#create).
  create: {
    root: 'group',
    procedure: 'group-create',
    methods: [
      'one.group.allocate',
      'one.acl.addrule',
      'one.user.allocate',
      'one.group.addadmin',
      'one.group.update',
      'one.group.delete',
      'one.user.delete',
    ],
  },
  delete: deleteById('group'),
};

export const acl: KindBehaviour = {
  // Sunstone has no ACL actions: every perform is "not available".
  actions: [],
  // `{"acl":"@1 VM+NET/* USE+MANAGE #0"}` parsed into one.acl.addrule's hex strings.
  create: { root: 'acl', procedure: 'acl-create', methods: ['one.acl.addrule'] },
  // Rules cannot be read one by one (oned has no one.acl.info for an id): no read first.
  delete: { method: 'one.acl.delrule', args: [ID], read: false },
};
