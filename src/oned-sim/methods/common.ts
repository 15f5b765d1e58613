// Handler building blocks shared by the object kinds that carry an owner, a group and
// permission bits: info, filtered pool listings, update, rename, chown and chmod, each with oned's
// authorization and error texts (reference oned-xmlrpc.md §2.1).
import { authorize, OP, type AuthObject, type AuthType, type Op } from '../authz.js';
import { fail, getOr, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { filterPredicate, selectRange } from '../pool-filter.js';
import type { Pool } from '../pool.js';
import { PERM, type Owned } from '../records.js';
import type { SimState } from '../state.js';
import type { Template } from '../template.js';
import { parseTemplate, TemplateSyntaxError } from '../template-parse.js';
import { groupAuth, userAuth } from './auth-objects.js';

export interface OwnedKind<T extends Owned> {
  readonly authType: AuthType;
  /** oned's object name in messages ("virtual machine template"). */
  readonly objectName: string;
  readonly pool: (state: SimState) => Pool<T>;
  readonly xml: (ctx: CallContext, obj: T) => string;
  readonly clusters?: (obj: T) => readonly number[];
  /** The template that update edits. */
  readonly template?: (obj: T) => Template;
  /** Called after any change (VMs drop their cached bodies). */
  readonly touched?: (ctx: CallContext, obj: T) => void;
}

export function authObject<T extends Owned>(kind: OwnedKind<T>, obj: T): AuthObject {
  return {
    id: obj.id,
    uid: obj.uid,
    gid: obj.gid,
    perms: obj.perms,
    lock: obj.lock,
    clusters: kind.clusters?.(obj) ?? null,
  };
}

/** Looks the object up (NO_EXISTS) and checks `op` on it (AUTHORIZATION). */
export function fetchAuthorized<T extends Owned>(
  ctx: CallContext,
  kind: OwnedKind<T>,
  id: number,
  op: Op,
): T {
  const obj = getOr(kind.pool(ctx.sim.state).get(id), ctx.method, kind.objectName, id);
  authorize(ctx.sim.state, ctx.method, ctx.who, [[kind.authType, authObject(kind, obj), op]], id);
  return obj;
}

export function infoSpec<T extends Owned>(kind: OwnedKind<T>): MethodSpec {
  return {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => XmlDoc.of(kind.xml(ctx, fetchAuthorized(ctx, kind, args.int(0), OP.USE))),
  };
}

/** `one.<r>pool.info(filter, start, end)` for kinds whose documents are not cached. */
export function filteredPoolSpec<T extends Owned>(kind: OwnedKind<T>, root: string): MethodSpec {
  return {
    params: 'iii',
    handler: (ctx, args) => {
      const pred = filterPredicate(ctx.sim.state, ctx.method, ctx.who, kind.authType, args.int(0));
      const list = kind.pool(ctx.sim.state).list();
      const picked = selectRange(list, { start: args.int(1), end: args.int(2) }, ctx.sim.settings.desc, (o) =>
        pred(authObject(kind, o)),
      );
      return XmlDoc.of(`<${root}>${picked.map((o) => kind.xml(ctx, o)).join('')}</${root}>`);
    },
  };
}

/** A template given by a client: OpenNebula syntax or XML, or oned's parse error. */
export function parseOrFail(method: string, text: string, prefix = ''): Template {
  try {
    return parseTemplate(text);
  } catch (err) {
    if (err instanceof TemplateSyntaxError)
      throw fail(ONED.INTERNAL, method, `${prefix}Parse error: ${err.message}`);
    throw err;
  }
}

/** Update type 0 replaces the template, 1 merges into it; anything else is refused. */
export function applyUpdate(method: string, target: Template, text: string, type: number): void {
  if (type !== 0 && type !== 1) throw fail(ONED.XML_RPC_API, method, 'Wrong update type');
  const t = parseOrFail(method, text, 'Cannot update template. ');
  if (type === 0) target.replaceWith(t);
  else target.merge(t);
}

export function updateSpec<T extends Owned>(kind: OwnedKind<T>, op: Op = OP.MANAGE): MethodSpec {
  return {
    params: 'is',
    optional: ['i'],
    handler: (ctx, args) => {
      const id = args.int(0);
      const type = args.int(2, 0);
      if (type !== 0 && type !== 1) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong update type');
      const obj = fetchAuthorized(ctx, kind, id, op);
      const target = kind.template?.(obj);
      if (!target) throw fail(ONED.INTERNAL, ctx.method, 'Cannot update template.');
      applyUpdate(ctx.method, target, args.str(1), type);
      kind.touched?.(ctx, obj);
      return id;
    },
  };
}

export function renameSpec<T extends Owned>(
  kind: OwnedKind<T>,
  unique?: (ctx: CallContext, obj: T, name: string) => void,
): MethodSpec {
  return {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const name = args.str(1);
      const obj = fetchAuthorized(ctx, kind, id, OP.MANAGE);
      if (name.trim() === '') throw fail(ONED.ACTION, ctx.method, 'Invalid NAME, it cannot be empty', id);
      unique?.(ctx, obj, name);
      obj.name = name;
      kind.touched?.(ctx, obj);
      return id;
    },
  };
}

/** chown(id, uid, gid), -1 = unchanged: MANAGE on the object, MANAGE on the new owner, USE on the new group. */
export function chownSpec<T extends Owned>(kind: OwnedKind<T>): MethodSpec {
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

/** chmod(id, 9 x 0/1/-1): MANAGE, or ADMIN when an *_A bit changes. */
export function chmodSpec<T extends Owned>(kind: OwnedKind<T>): MethodSpec {
  return {
    params: 'iiiiiiiiii',
    handler: (ctx, args) => {
      const id = args.int(0);
      const obj = getOr(kind.pool(ctx.sim.state).get(id), ctx.method, kind.objectName, id);
      let perms = obj.perms;
      BITS.forEach((bit, i) => {
        const v = args.int(i + 1);
        if (v === 1) perms |= bit;
        else if (v === 0) perms &= ~bit;
      });
      const op = (perms & ADMIN_BITS) !== (obj.perms & ADMIN_BITS) ? OP.ADMIN : OP.MANAGE;
      authorize(ctx.sim.state, ctx.method, ctx.who, [[kind.authType, authObject(kind, obj), op]], id);
      obj.perms = perms;
      kind.touched?.(ctx, obj);
      return id;
    },
  };
}

/** NAME is already taken by <TYPE> n (INTERNAL), for names unique per owner. */
export function uniquePerOwner<T extends Owned>(
  ctx: CallContext,
  kind: OwnedKind<T>,
  uid: number,
  name: string,
  except = -1,
): void {
  const other = kind.pool(ctx.sim.state).find((o) => o.uid === uid && o.name === name && o.id !== except);
  if (other) throw fail(ONED.INTERNAL, ctx.method, `NAME is already taken by ${kind.authType} ${other.id}.`);
}

/** The permission bits of a new object (PoolObjectSQL::set_umask with oned's default umask 177):
 * um- --- --- whoever creates it. */
export function newObjectPerms(): number {
  return 0o777 & ~0o177;
}
