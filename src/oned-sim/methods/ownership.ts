// chown, chmod, lock and unlock of owned objects, with oned's rules (reference oned-xmlrpc.md
// §2.1, §4.13): chown needs MANAGE on the object, MANAGE on the new owner and USE on the new
// group; chmod needs ADMIN when an *_A bit changes; locks block operations at or above their
// level, even for oneadmin, and only their owner (or an administrator) may lift them.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { PERM, type Owned } from '../records.js';
import { groupAuth, userAuth } from './auth-objects.js';
import { authObject, fetchAuthorized, type SimKind } from './kind.js';

/** chown(id, uid, gid), -1 = unchanged. */
export function chownSpec<T extends Owned>(kind: SimKind<T>): MethodSpec {
  return {
    params: 'iii',
    handler: (ctx, args) => {
      const [id, uid, gid] = [args.int(0), args.int(1), args.int(2)];
      const state = ctx.sim.state;
      const obj = getOr(kind.pool(state).get(id), ctx.method, kind.objectName, id);
      const user = uid >= 0 ? getOr(state.users.get(uid), ctx.method, 'user', uid) : undefined;
      const group = gid >= 0 ? getOr(state.groups.get(gid), ctx.method, 'group', gid) : undefined;
      authorize(
        state,
        ctx.method,
        ctx.who,
        [
          [kind.authType, authObject(kind, obj), OP.MANAGE],
          ...(user ? [['USER', userAuth(user), OP.MANAGE] as const] : []),
          ...(group ? [['GROUP', groupAuth(group.id), OP.USE] as const] : []),
        ],
        id,
      );
      if (user && kind.unique === 'owner') {
        const clash = kind.pool(state).find((o) => o.uid === user.id && o.name === obj.name && o.id !== id);
        if (clash)
          throw fail(
            ONED.INTERNAL,
            ctx.method,
            `user [${user.id}] already owns ${kind.objectName} [${clash.id}] with NAME ${obj.name}`,
            id,
          );
      }
      if (user) obj.uid = user.id;
      if (group) obj.gid = group.id;
      else if (user && gid === -1 && !user.groups.includes(obj.gid)) obj.gid = user.gid;
      kind.touched?.(ctx, obj);
      return id;
    },
  };
}

const BITS = [
  PERM.OWNER_U,
  PERM.OWNER_M,
  PERM.OWNER_A,
  PERM.GROUP_U,
  PERM.GROUP_M,
  PERM.GROUP_A,
  PERM.OTHER_U,
  PERM.OTHER_M,
  PERM.OTHER_A,
];
const ADMIN_BITS = PERM.OWNER_A | PERM.GROUP_A | PERM.OTHER_A;

/** The permission bits after a chmod's nine 0/1/-1 arguments. */
export function chmodBits(perms: number, values: readonly number[]): number {
  let out = perms;
  BITS.forEach((bit, i) => {
    const v = values[i];
    if (v === 1) out |= bit;
    else if (v === 0) out &= ~bit;
  });
  return out;
}

/** chmod(id, 9 x 0/1/-1): MANAGE, or ADMIN when an *_A bit changes. `also` runs once the object
 * is authorized and before it changes (template chmod's recursive flag: its images too). */
export function chmodSpec<T extends Owned>(
  kind: SimKind<T>,
  also?: (
    ctx: Parameters<MethodSpec['handler']>[0],
    obj: T,
    values: readonly number[],
    recursive: boolean,
  ) => void,
): MethodSpec {
  return {
    params: 'iiiiiiiiii',
    ...(also ? { optional: ['b'] } : {}),
    handler: (ctx, args) => {
      const id = args.int(0);
      const obj = getOr(kind.pool(ctx.sim.state).get(id), ctx.method, kind.objectName, id);
      const values = Array.from({ length: 9 }, (_, i) => args.int(i + 1));
      const perms = chmodBits(obj.perms, values);
      const op = (perms & ADMIN_BITS) !== (obj.perms & ADMIN_BITS) ? OP.ADMIN : OP.MANAGE;
      authorize(ctx.sim.state, ctx.method, ctx.who, [[kind.authType, authObject(kind, obj), op]], id);
      also?.(ctx, obj, values, args.bool(10, false));
      obj.perms = perms;
      kind.touched?.(ctx, obj);
      return id;
    },
  };
}

/** lock(id, level, [test]): 1 use, 2 manage, 3 admin, 4 all (stored as use). */
export function lockSpec<T extends Owned>(kind: SimKind<T>): MethodSpec {
  return {
    params: 'ii',
    optional: ['b'],
    handler: (ctx, args) => {
      const id = args.int(0);
      const obj = fetchAuthorized(ctx, kind, id, OP.MANAGE, { ignoreLock: true });
      const level = args.int(1);
      const locked = level === 4 ? 1 : level;
      if (args.bool(2, false) && obj.lock)
        throw fail(ONED.ACTION, ctx.method, `Object is locked by user ${obj.lock.owner}.`, id);
      const foreign = obj.lock !== null && obj.lock.owner !== ctx.who.uid && !ctx.who.admin;
      if (locked < 1 || locked > 3 || foreign)
        throw fail(ONED.ACTION, ctx.method, 'Error trying to lock the resource.', id);
      obj.lock = { locked, owner: ctx.who.uid, time: ctx.sim.now(), reqId: ctx.reqId };
      kind.touched?.(ctx, obj);
      return id;
    },
  };
}

export function unlockSpec<T extends Owned>(kind: SimKind<T>): MethodSpec {
  return {
    params: 'i',
    handler: (ctx, args) => {
      const id = args.int(0);
      const obj = fetchAuthorized(ctx, kind, id, OP.MANAGE, { ignoreLock: true });
      if (obj.lock && obj.lock.owner !== ctx.who.uid && !ctx.who.admin)
        throw fail(ONED.ACTION, ctx.method, 'Cannot unlock: Lock is owned by another user', id);
      obj.lock = null;
      kind.touched?.(ctx, obj);
      return id;
    },
  };
}
