// Group administrators (reference oned-xmlrpc.md §2.3): one.group.addadmin / deladmin need MANAGE
// on the group and on the user, who must be a member. As oned does (Group::add_admin_rules), an
// administrator gets two ACL rules over the group: full rights on its users, and USE+MANAGE on
// the resources of oned.conf's GROUP_ADMIN_DEFAULT_RESOURCES.
import { ACL_ID, AUTH_TYPE_BITS, authorize, OP, type AuthType } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { AclRec, GroupRec } from '../records.js';
import type { SimState } from '../state.js';
import { groupAuth, userAuth } from './auth-objects.js';

const ADMIN_RESOURCES: readonly AuthType[] = [
  'VM',
  'NET',
  'IMAGE',
  'TEMPLATE',
  'DOCUMENT',
  'SECGROUP',
  'VROUTER',
  'VMGROUP',
  'BACKUPJOB',
];

/** The two rules oned writes for administrator `uid` of group `gid`. */
export function adminRules(uid: number, gid: number): Array<Omit<AclRec, 'id'>> {
  const user = ACL_ID.INDIVIDUAL | BigInt(uid);
  const group = ACL_ID.GROUP | BigInt(gid);
  const types = ADMIN_RESOURCES.reduce((acc, t) => acc | AUTH_TYPE_BITS[t], 0n);
  return [
    { user, resource: AUTH_TYPE_BITS.USER | group, rights: 0xfn, zone: ACL_ID.ALL },
    { user, resource: types | group, rights: 0x3n, zone: ACL_ID.ALL },
  ];
}

function sameRule(a: Omit<AclRec, 'id'>, b: Omit<AclRec, 'id'>): boolean {
  return a.user === b.user && a.resource === b.resource && a.rights === b.rights && a.zone === b.zone;
}

function addRules(state: SimState, uid: number, gid: number): void {
  for (const r of adminRules(uid, gid)) {
    if (state.acls.find((x) => sameRule(x, r)) || state.acls.full()) continue;
    state.acls.insert({ id: state.acls.nextId(), ...r });
  }
}

function removeRules(state: SimState, uid: number, gid: number): void {
  for (const r of adminRules(uid, gid)) {
    const found = state.acls.find((x) => sameRule(x, r));
    if (found) state.acls.remove(found.id);
  }
}

function groupAndUser(ctx: CallContext, gid: number, uid: number): GroupRec {
  const state = ctx.sim.state;
  const g = getOr(state.groups.get(gid), ctx.method, 'group', gid);
  const u = getOr(state.users.get(uid), ctx.method, 'user', uid);
  authorize(
    state,
    ctx.method,
    ctx.who,
    [
      ['GROUP', groupAuth(g.id), OP.MANAGE],
      ['USER', userAuth(u), OP.MANAGE],
    ],
    gid,
  );
  return g;
}

export const groupAdminMethods: Record<string, MethodSpec> = {
  'one.group.addadmin': {
    params: 'ii',
    handler: (ctx, args) => {
      const [gid, uid] = [args.int(0), args.int(1)];
      const g = groupAndUser(ctx, gid, uid);
      if (!ctx.sim.state.users.get(uid)?.groups.includes(gid))
        throw fail(ONED.ACTION, ctx.method, `User ${uid} is not part of Group ${gid}.`, gid);
      if (g.admins.includes(uid))
        throw fail(ONED.ACTION, ctx.method, `User ${uid} is already an administrator of Group ${gid}.`, gid);
      g.admins = [...g.admins, uid].sort((a, b) => a - b);
      addRules(ctx.sim.state, uid, gid);
      return gid;
    },
  },
  'one.group.deladmin': {
    params: 'ii',
    handler: (ctx, args) => {
      const [gid, uid] = [args.int(0), args.int(1)];
      const g = groupAndUser(ctx, gid, uid);
      if (!g.admins.includes(uid))
        throw fail(ONED.ACTION, ctx.method, `User ${uid} is not an administrator of Group ${gid}.`, gid);
      g.admins = g.admins.filter((x) => x !== uid);
      removeRules(ctx.sim.state, uid, gid);
      return gid;
    },
  },
};
