// The objects a fresh oned creates at its first start (reference oned-xmlrpc.md §4.12, §5.3),
// plus the second group an administrator would have made with the CLI: users oneadmin and
// serveradmin, groups oneadmin and users, cluster default, datastores system/default/files,
// zone OpenNebula, security group default, VDC default, the public marketplaces and ACL rules.
import { ACL_ID, AUTH_TYPE_BITS } from './authz.js';
import { sha256Hex } from './cipher.js';
import type { Prng } from './prng.js';
import type { AclRec } from './records.js';
import type { SimState } from './state.js';
import { Template, templateOf } from './template.js';

/** The fixed demo logins the guides rely on. */
export const DEMO_LOGINS = {
  oneadmin: 'opennebula',
  demo: 'demo',
  alice: 'alice',
} as const;

export const ENGINEERING_GID = 100;

function rule(
  id: number,
  user: bigint,
  types: Array<keyof typeof AUTH_TYPE_BITS>,
  resource: bigint,
  rights: bigint,
  zone: bigint,
): AclRec {
  const typeBits = types.reduce((acc, t) => acc | AUTH_TYPE_BITS[t], 0n);
  return { id, user, resource: typeBits | resource, rights, zone };
}

const ALL = ACL_ID.ALL;
const group = (gid: number): bigint => ACL_ID.GROUP | BigInt(gid);
const ZONE0 = ACL_ID.INDIVIDUAL | 0n;
const CREATE_TYPES: Array<keyof typeof AUTH_TYPE_BITS> = [
  'VM',
  'IMAGE',
  'TEMPLATE',
  'DOCUMENT',
  'SECGROUP',
  'VMGROUP',
  'BACKUPJOB',
];

/** Creates the bootstrap objects; returns serveradmin's plain password (what sunstone_auth holds). */
export function seedBootstrap(state: SimState, rng: Prng): string {
  // Groups 0 and 1 are oned's; 100 is what `onegroup create engineering` leaves.
  state.groups.insert({ id: 0, name: 'oneadmin', template: new Template(), admins: [] });
  state.groups.insert({ id: 1, name: 'users', template: new Template(), admins: [] });
  state.groups.insert({
    id: ENGINEERING_GID,
    name: 'engineering',
    template: templateOf([
      [
        'SUNSTONE',
        {
          DEFAULT_VIEW: 'cloud',
          GROUP_ADMIN_DEFAULT_VIEW: 'groupadmin',
          GROUP_ADMIN_VIEWS: 'groupadmin',
          VIEWS: 'cloud',
        },
      ],
    ]),
    admins: [],
  });

  const serverPassword = rng.hex(32);
  const user = (id: number, name: string, gid: number, password: string, driver: string): void => {
    state.users.insert({
      id,
      name,
      gid,
      groups: [gid],
      password,
      driver,
      enabled: true,
      template: new Template().set('TOKEN_PASSWORD', rng.hex(32)),
      tokens: [],
      session: null,
    });
  };
  user(0, 'oneadmin', 0, sha256Hex(DEMO_LOGINS.oneadmin), 'core');
  user(1, 'serveradmin', 0, sha256Hex(serverPassword), 'server_cipher');
  user(2, 'demo', 1, sha256Hex(DEMO_LOGINS.demo), 'core');
  user(3, 'alice', ENGINEERING_GID, sha256Hex(DEMO_LOGINS.alice), 'core');

  state.clusters.insert({
    id: 0,
    name: 'default',
    template: templateOf([
      ['RESERVED_CPU', ''],
      ['RESERVED_MEM', ''],
    ]),
  });
  state.zones.insert({
    id: 0,
    name: 'OpenNebula',
    state: 0,
    template: templateOf([['ENDPOINT', 'http://localhost:2633/RPC2']]),
  });

  const common = [
    ['ALLOW_ORPHANS', 'YES'],
    ['DISK_TYPE', 'FILE'],
    ['RESTRICTED_DIRS', '/'],
    ['SAFE_DIRS', '/var/tmp'],
  ] as const;
  const ds = (
    id: number,
    name: string,
    type: number,
    dsMad: string,
    extra: Array<[string, string]>,
    totalMb: number,
    usedMb: number,
  ): void => {
    state.datastores.insert({
      id,
      uid: 0,
      gid: 0,
      name,
      perms: 0o640,
      lock: null,
      dsMad,
      tmMad: 'ssh',
      basePath: `/var/lib/one//datastores/${id}`,
      type,
      diskType: 0,
      state: 0,
      clusters: [0],
      totalMb,
      freeMb: totalMb - usedMb,
      usedMb,
      template: templateOf([...common, ...extra, ['TM_MAD', 'ssh']]),
    });
  };
  ds(
    0,
    'system',
    1,
    '-',
    [
      ['DS_MIGRATE', 'YES'],
      ['SHARED', 'NO'],
      ['TYPE', 'SYSTEM_DS'],
    ],
    0,
    0,
  );
  ds(
    1,
    'default',
    0,
    'fs',
    [
      ['CLONE_TARGET', 'SYSTEM'],
      ['DS_MAD', 'fs'],
      ['LN_TARGET', 'SYSTEM'],
      ['TYPE', 'IMAGE_DS'],
    ],
    2097152,
    0,
  );
  ds(
    2,
    'files',
    2,
    'fs',
    [
      ['CLONE_TARGET', 'SYSTEM'],
      ['DS_MAD', 'fs'],
      ['LN_TARGET', 'SYSTEM'],
      ['TYPE', 'FILE_DS'],
    ],
    258020,
    1024,
  );

  state.secgroups.insert({
    id: 0,
    uid: 0,
    gid: 0,
    name: 'default',
    perms: 0o644,
    lock: null,
    template: templateOf([
      [
        'DESCRIPTION',
        'The default security group is added to every network. Use it to add default filter rules for your networks. You may remove this security group from any network by updating its properties.',
      ],
      ['RULE', { PROTOCOL: 'ALL', RULE_TYPE: 'OUTBOUND' }],
      ['RULE', { PROTOCOL: 'ALL', RULE_TYPE: 'INBOUND' }],
    ]),
  });
  state.vdcs.insert({
    id: 0,
    name: 'default',
    groups: [1, ENGINEERING_GID],
    clusters: [[0, -10]],
    hosts: [],
    datastores: [],
    vnets: [],
    template: new Template(),
  });
  const market = (id: number, name: string, mad: string, description: string): void => {
    state.markets.insert({
      id,
      uid: 0,
      gid: 0,
      name,
      perms: 0o744,
      lock: null,
      state: 0,
      marketMad: mad,
      zoneId: 0,
      template: templateOf([
        ['DESCRIPTION', description],
        ['MARKET_MAD', mad],
      ]),
    });
  };
  market(0, 'OpenNebula Public', 'one', 'OpenNebula Systems MarketPlace');
  market(
    1,
    'Linux Containers',
    'linuxcontainers',
    'MarketPlace for the public image server of LXC hosted at linuxcontainers.org',
  );

  const rules = [
    rule(0, group(1), CREATE_TYPES, ALL, 8n, ALL),
    rule(1, ALL, ['ZONE'], ALL, 1n, ALL),
    rule(2, ALL, ['MARKETPLACE', 'MARKETPLACEAPP'], ALL, 1n, ALL),
    rule(3, group(1), ['HOST'], ALL, 2n, ZONE0),
    rule(4, group(1), ['NET', 'DATASTORE'], ALL, 1n, ZONE0),
    // Group engineering: what `onegroup create` and adding it to VDC default give it.
    rule(5, group(ENGINEERING_GID), CREATE_TYPES, ALL, 8n, ZONE0),
    rule(6, group(ENGINEERING_GID), ['HOST'], ALL, 2n, ZONE0),
    rule(7, group(ENGINEERING_GID), ['NET', 'DATASTORE'], ALL, 1n, ZONE0),
  ];
  for (const r of rules) state.acls.insert(r);
  return serverPassword;
}
