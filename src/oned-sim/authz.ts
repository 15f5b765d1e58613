// Authorization as oned decides it (reference oned-xmlrpc.md §4.13, §1.5): administrators pass;
// others need the object's permission bits (owner, group or other) or a matching ACL rule; object
// locks refuse even administrators. Failures carry oned's exact AUTHORIZATION message.
import { OnedFailure, ONED } from './errors.js';
import type { Identity } from './identity.js';
import { PERM, type AclRec, type Lock } from './records.js';
import type { SimState } from './state.js';

export const OP = { USE: 1, MANAGE: 2, ADMIN: 4, CREATE: 8 } as const;
export type Op = (typeof OP)[keyof typeof OP];
const OP_NAME: Record<number, string> = { 1: 'USE', 2: 'MANAGE', 4: 'ADMIN', 8: 'CREATE' };

/** ACL resource type bits (PoolObjectSQL::ObjectType). */
export const AUTH_TYPE_BITS = {
  VM: 0x1000000000n,
  HOST: 0x2000000000n,
  NET: 0x4000000000n,
  IMAGE: 0x8000000000n,
  USER: 0x10000000000n,
  TEMPLATE: 0x20000000000n,
  GROUP: 0x40000000000n,
  DATASTORE: 0x100000000000n,
  CLUSTER: 0x200000000000n,
  DOCUMENT: 0x400000000000n,
  ZONE: 0x800000000000n,
  SECGROUP: 0x1000000000000n,
  VDC: 0x2000000000000n,
  VROUTER: 0x4000000000000n,
  MARKETPLACE: 0x8000000000000n,
  MARKETPLACEAPP: 0x10000000000000n,
  VMGROUP: 0x20000000000000n,
  VNTEMPLATE: 0x40000000000000n,
  HOOK: 0x80000000000000n,
  BACKUPJOB: 0x100000000000000n,
} as const;
export type AuthType = keyof typeof AUTH_TYPE_BITS;

/** ACL id-definition bits of the user, resource and zone fields. */
export const ACL_ID = {
  INDIVIDUAL: 0x100000000n,
  GROUP: 0x200000000n,
  ALL: 0x400000000n,
  CLUSTER: 0x800000000n,
} as const;
const ID_MASK = 0xffffffffn;

/** What authorization needs to know about an object (oned's PoolObjectAuth). */
export interface AuthObject {
  readonly id: number;
  readonly uid: number;
  readonly gid: number;
  readonly perms: number;
  readonly clusters?: readonly number[] | null;
  readonly lock?: Lock | null;
}

function userMatches(rule: AclRec, who: Identity): boolean {
  const u = rule.user;
  const id = Number(u & ID_MASK);
  if (u & ACL_ID.ALL) return true;
  if (u & ACL_ID.INDIVIDUAL) return id === who.uid;
  if (u & ACL_ID.GROUP) return who.groups.has(id);
  return false;
}

function resourceMatches(rule: AclRec, type: AuthType, obj: AuthObject | null): boolean {
  const r = rule.resource;
  if ((r & AUTH_TYPE_BITS[type]) === 0n) return false;
  if (r & ACL_ID.ALL) return true;
  if (!obj) return false;
  const id = Number(r & ID_MASK);
  if (r & ACL_ID.INDIVIDUAL) return obj.id === id;
  if (r & ACL_ID.GROUP) return obj.gid === id;
  if (r & ACL_ID.CLUSTER) return (obj.clusters ?? []).includes(id);
  return false;
}

function zoneMatches(rule: AclRec): boolean {
  const z = rule.zone;
  return (z & ACL_ID.ALL) !== 0n || ((z & ACL_ID.INDIVIDUAL) !== 0n && Number(z & ID_MASK) === 0);
}

/** True when an ACL rule grants `op` on the object (or, obj null, on the type: CREATE). A rule
 * granting MANAGE or ADMIN also lets its users see and use the objects: group `users` lists
 * the hosts of zone 0 through the bootstrap rule `@1 HOST/* MANAGE #0` (reference §4.13). */
export function aclGrants(
  acls: readonly AclRec[],
  who: Identity,
  type: AuthType,
  obj: AuthObject | null,
  op: Op,
): boolean {
  const wanted = op === OP.USE ? 7n : BigInt(op);
  for (const rule of acls) {
    if ((rule.rights & wanted) === 0n) continue;
    if (op !== OP.USE && (rule.rights & BigInt(op)) !== BigInt(op)) continue;
    if (userMatches(rule, who) && resourceMatches(rule, type, obj) && zoneMatches(rule)) return true;
  }
  return false;
}

function bitsGrant(who: Identity, obj: AuthObject, op: Op): boolean {
  // One bit per right in each triplet: USE 4, MANAGE 2, ADMIN 1; owner << 6, group << 3, other.
  const b = op === OP.USE ? 4 : op === OP.MANAGE ? 2 : op === OP.ADMIN ? 1 : 0;
  if (b === 0) return false;
  if (obj.uid === who.uid && obj.perms & (b << 6)) return true;
  if (who.groups.has(obj.gid) && obj.perms & (b << 3)) return true;
  return (obj.perms & b) !== 0;
}

/** The reason oned would give for refusing `op`, or null when allowed. */
export function denyReason(
  state: SimState,
  who: Identity,
  type: AuthType,
  obj: AuthObject | null,
  op: Op,
): string | null {
  if (obj?.lock && obj.lock.locked > 0 && obj.lock.locked <= op) return `${type} is locked. [${obj.id}]`;
  if (who.admin) return null;
  if (obj && op !== OP.CREATE && bitsGrant(who, obj, op)) return null;
  if (aclGrants(state.acls.list(), who, type, obj, op)) return null;
  return op === OP.CREATE || !obj
    ? `Not authorized to perform ${OP_NAME[op]} ${type}`
    : `Not authorized to perform ${OP_NAME[op]} ${type} [${obj.id}]`;
}

/** Throws oned's AUTHORIZATION failure when any of the checks is refused. */
export function authorize(
  state: SimState,
  method: string,
  who: Identity,
  checks: ReadonlyArray<readonly [AuthType, AuthObject | null, Op]>,
  respId = -1,
): void {
  const reasons: string[] = [];
  for (const [type, obj, op] of checks) {
    const r = denyReason(state, who, type, obj, op);
    if (r) reasons.push(r);
  }
  if (reasons.length > 0)
    throw new OnedFailure(
      ONED.AUTHORIZATION,
      `[${method}] User [${who.uid}] : ${reasons.join('; ')}.`,
      respId,
    );
}

/** Whether the user may see the object in a listing (USE by bits, ownership or ACL). */
export function canSee(state: SimState, who: Identity, type: AuthType, obj: AuthObject): boolean {
  return visibility(state, who, type)(obj);
}

/**
 * canSee for many objects of one type: the ACL rules that could apply to this user and type are
 * picked once, so listing 20,000 VMs costs a few comparisons per VM, not a scan of every rule.
 */
export function visibility(state: SimState, who: Identity, type: AuthType): (obj: AuthObject) => boolean {
  if (who.admin) return () => true;
  const rules = state.acls
    .list()
    .filter(
      (r) =>
        (r.rights & 7n) !== 0n &&
        (r.resource & AUTH_TYPE_BITS[type]) !== 0n &&
        userMatches(r, who) &&
        zoneMatches(r),
    );
  if (rules.some((r) => (r.resource & ACL_ID.ALL) !== 0n)) return () => true;
  return (obj) => {
    if (obj.uid === who.uid) return true;
    if (who.groups.has(obj.gid) && obj.perms & PERM.GROUP_U) return true;
    if (obj.perms & PERM.OTHER_U) return true;
    return rules.length > 0 && rules.some((r) => resourceMatches(r, type, obj));
  };
}
