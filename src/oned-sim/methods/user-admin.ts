// Users' driver and secondary groups (reference oned-xmlrpc.md §2.3): chauth (ADMIN; an empty
// password keeps the stored one), addgroup and delgroup (MANAGE on the user and on the group).
// Changing groups drops the user's cached session, as oned does.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { sha256Hex } from '../cipher.js';
import { ONED } from '../errors.js';
import type { GroupRec, UserRec } from '../records.js';
import { groupAuth, userAuth } from './auth-objects.js';
import { fetchAuthorized, type SimKind } from './common.js';

function userAndGroup(ctx: CallContext, id: number, gid: number): [UserRec, GroupRec] {
  const state = ctx.sim.state;
  const u = getOr(state.users.get(id), ctx.method, 'user', id);
  const g = getOr(state.groups.get(gid), ctx.method, 'group', gid);
  authorize(
    state,
    ctx.method,
    ctx.who,
    [
      ['USER', userAuth(u), OP.MANAGE],
      ['GROUP', groupAuth(g.id), OP.MANAGE],
    ],
    id,
  );
  return [u, g];
}

function changedGroups(ctx: CallContext, u: UserRec): void {
  u.session = null;
  ctx.sim.state.vmVersion++; // quota usage depends on group membership
}

export function userAdminMethods(kind: SimKind<UserRec>): Record<string, MethodSpec> {
  return {
    'one.user.chauth': {
      params: 'iss',
      handler: (ctx, args) => {
        const id = args.int(0);
        const [driver, password] = [args.str(1), args.str(2)];
        const u = fetchAuthorized(ctx, kind, id, OP.ADMIN);
        if (driver.trim() === '')
          throw fail(ONED.ACTION, ctx.method, 'Authentication driver cannot be empty', id);
        if (password !== '') {
          if (/\s/.test(password))
            throw fail(ONED.ACTION, ctx.method, 'Invalid password, it cannot contain spaces.', id);
          u.password = driver === 'core' ? sha256Hex(password) : password;
        }
        u.driver = driver;
        u.tokens = [];
        u.session = null;
        return id;
      },
    },

    'one.user.addgroup': {
      params: 'ii',
      handler: (ctx, args) => {
        const [id, gid] = [args.int(0), args.int(1)];
        const [u] = userAndGroup(ctx, id, gid);
        if (u.groups.includes(gid)) throw fail(ONED.ACTION, ctx.method, 'User is already in this group', id);
        u.groups = [...u.groups, gid].sort((a, b) => a - b);
        changedGroups(ctx, u);
        return id;
      },
    },

    'one.user.delgroup': {
      params: 'ii',
      handler: (ctx, args) => {
        const [id, gid] = [args.int(0), args.int(1)];
        const [u, g] = userAndGroup(ctx, id, gid);
        if (u.gid === gid)
          throw fail(ONED.ACTION, ctx.method, 'Cannot remove user from its primary group', id);
        if (!u.groups.includes(gid))
          throw fail(ONED.ACTION, ctx.method, 'User is not part of this group', id);
        u.groups = u.groups.filter((x) => x !== gid);
        g.admins = g.admins.filter((x) => x !== id);
        changedGroups(ctx, u);
        return id;
      },
    },
  };
}
