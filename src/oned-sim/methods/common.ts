// Handler building blocks every kind shares: info, pool listings, update and rename, template
// parsing, and oned's NAME rules, each with oned's authorization and error texts (reference
// oned-xmlrpc.md §2.1, §1.5). Ownership (chown, chmod, lock) is in ownership.ts, delete in delete.ts.
import { authorize, canSee, OP, type Op } from '../authz.js';
import { fail, getOr, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { filterPredicate, selectRange } from '../pool-filter.js';
import type { Owned } from '../records.js';
import type { Template } from '../template.js';
import { parseTemplate, TemplateSyntaxError } from '../template-parse.js';
import { clusterAuth } from './auth-objects.js';
import { authObject, fetchAuthorized, type Named, type SimKind } from './kind.js';

export { authObject, fetchAuthorized, ownedKind, type SimKind } from './kind.js';
/** The kinds whose objects carry an owner, a group and permission bits. */
export type OwnedKind<T extends Owned> = SimKind<T>;

export function infoSpec<T extends Named>(kind: SimKind<T>): MethodSpec {
  return {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) =>
      XmlDoc.of(kind.xml(ctx, fetchAuthorized(ctx, kind, args.int(0), OP.USE, { ignoreLock: true }))),
  };
}

/** `one.<r>pool.info(filter, start, end)` for kinds whose documents are not cached. */
export function filteredPoolSpec<T extends Named>(
  kind: SimKind<T>,
  root: string,
  keep: (obj: T) => boolean = () => true,
): MethodSpec {
  return {
    params: 'iii',
    handler: (ctx, args) => {
      const pred = filterPredicate(ctx.sim.state, ctx.method, ctx.who, kind.authType, args.int(0));
      const list = kind.pool(ctx.sim.state).list();
      const picked = selectRange(
        list,
        { start: args.int(1), end: args.int(2) },
        ctx.sim.settings.desc,
        (o) => keep(o) && pred(authObject(kind, o)),
      );
      return XmlDoc.of(`<${root}>${picked.map((o) => kind.xml(ctx, o)).join('')}</${root}>`);
    },
  };
}

/** `one.<r>pool.info()` without a filter: every object the caller may USE (all for admins). */
export function visiblePoolSpec<T extends Named>(kind: SimKind<T>, root: string): MethodSpec {
  return {
    params: '',
    handler: (ctx) => {
      const list = kind
        .pool(ctx.sim.state)
        .list()
        .filter((o) => canSee(ctx.sim.state, ctx.who, kind.authType, authObject(kind, o)));
      if (ctx.sim.settings.desc) list.reverse();
      return XmlDoc.of(`<${root}>${list.map((o) => kind.xml(ctx, o)).join('')}</${root}>`);
    },
  };
}

/** A template given by a client: OpenNebula syntax or XML, or oned's parse error. */
export function parseOrFail(
  method: string,
  text: string,
  prefix = '',
  code: number = ONED.INTERNAL,
): Template {
  try {
    return parseTemplate(text);
  } catch (err) {
    if (err instanceof TemplateSyntaxError) throw fail(code, method, `${prefix}Parse error: ${err.message}`);
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

/** The operation update, rename and delete need on this kind. */
export function manageOp<T extends Named>(kind: SimKind<T>): Op {
  return kind.adminOps ? OP.ADMIN : OP.MANAGE;
}

export function updateSpec<T extends Named>(kind: SimKind<T>, op: Op = manageOp(kind)): MethodSpec {
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

/** Characters oned refuses in object names (PoolObjectSQL::INVALID_NAME_CHARS). */
const INVALID_NAME_CHARS = '&|:\\";/\'#{}$<>';
const MAX_NAME = 128;

/** oned's name check: the reason a name is refused, or null. */
export function nameProblem(name: string, extra = ''): string | null {
  if (name === '') return 'Invalid NAME, it cannot be empty';
  for (const c of name)
    if (INVALID_NAME_CHARS.includes(c) || extra.includes(c))
      return `Invalid NAME, char '${c}' is not allowed`;
  if (name.length > MAX_NAME) return `Invalid NAME, max length is ${MAX_NAME} chars`;
  return null;
}

/** The object of this kind, other than `except`, that already has the name (per owner or global). */
export function nameOwner<T extends Named>(
  ctx: CallContext,
  kind: SimKind<T>,
  name: string,
  uid: number,
  except = -1,
): T | undefined {
  if (!kind.unique) return undefined;
  return kind
    .pool(ctx.sim.state)
    .find(
      (o) => o.name === name && o.id !== except && (kind.unique === 'global' || kind.auth(o).uid === uid),
    );
}

/** NAME is already taken by <TYPE> n (INTERNAL), as allocate answers it. */
export function checkNewName<T extends Named>(
  ctx: CallContext,
  kind: SimKind<T>,
  name: string,
  uid: number,
): void {
  const other = nameOwner(ctx, kind, name, uid);
  if (other) throw fail(ONED.INTERNAL, ctx.method, `NAME is already taken by ${kind.authType} ${other.id}.`);
}

/** rename(id, name): MANAGE (ADMIN for infrastructure), a valid name that collides with nothing. */
export function renameSpec<T extends Named>(kind: SimKind<T>): MethodSpec {
  return {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const name = args.str(1);
      const obj = fetchAuthorized(ctx, kind, id, manageOp(kind));
      const problem = nameProblem(name);
      if (problem) throw fail(ONED.ACTION, ctx.method, problem, id);
      if (name === obj.name) return id;
      const other = nameOwner(ctx, kind, name, kind.auth(obj).uid, id);
      if (other)
        throw fail(
          ONED.ACTION,
          ctx.method,
          `${kind.objectName} cannot be renamed to ${name} because it collides with ${kind.objectName} ${other.id}`,
          id,
        );
      obj.name = name;
      kind.touched?.(ctx, obj);
      return id;
    },
  };
}

/** The permission bits of a new object (PoolObjectSQL::set_umask with oned's default umask 177):
 * um- --- --- whoever creates it. */
export function newObjectPerms(): number {
  return 0o777 & ~0o177;
}

/** The ALLOCATE failure of one kind: "[M] Error allocating a new <obj>. <detail>". */
export function allocError(ctx: CallContext, objectName: string, detail: string): Error {
  return fail(ONED.ALLOCATE, ctx.method, `Error allocating a new ${objectName}. ${detail}`);
}

/** NAME of an allocate template (removed from it): required, valid and free. */
export function allocName<T extends Named>(
  ctx: CallContext,
  kind: SimKind<T>,
  t: Template,
  uid: number,
  fallback?: string,
): string {
  const name = t.get('NAME') ?? fallback ?? '';
  t.remove('NAME');
  if (name === '' && fallback === undefined) throw allocError(ctx, kind.objectName, 'No NAME in template.');
  const problem = nameProblem(name);
  if (problem) throw allocError(ctx, kind.objectName, `${problem}.`);
  checkNewName(ctx, kind, name, uid);
  if (kind.pool(ctx.sim.state).full())
    throw allocError(ctx, kind.objectName, `The ${kind.objectName} pool is full.`);
  return name;
}

/** The start of a plain allocate: CREATE on the kind, the template parsed, its NAME taken (unique
 * among `nameUid`'s objects: the caller's by default). */
export function allocTemplate<T extends Named>(
  ctx: CallContext,
  kind: SimKind<T>,
  text: string,
  nameUid: number = ctx.who.uid,
): { readonly t: Template; readonly name: string } {
  authorize(ctx.sim.state, ctx.method, ctx.who, [[kind.authType, null, OP.CREATE]]);
  const t = parseOrFail(ctx.method, text);
  return { t, name: allocName(ctx, kind, t, nameUid) };
}

/** The start of an allocate into a cluster (-1 is the default cluster, 0): CREATE on the kind and
 * ADMIN on the cluster, then the template and its NAME as allocTemplate takes them. */
export function allocInCluster<T extends Named>(
  ctx: CallContext,
  kind: SimKind<T>,
  text: string,
  clusterArg: number,
  nameUid: number = ctx.who.uid,
): { readonly t: Template; readonly name: string; readonly cid: number } {
  const state = ctx.sim.state;
  const cid = clusterArg === -1 ? 0 : clusterArg;
  const cluster = getOr(state.clusters.get(cid), ctx.method, 'cluster', cid);
  authorize(state, ctx.method, ctx.who, [
    [kind.authType, null, OP.CREATE],
    ['CLUSTER', clusterAuth(cluster.id), OP.ADMIN],
  ]);
  const t = parseOrFail(ctx.method, text);
  return { t, name: allocName(ctx, kind, t, nameUid), cid };
}

/** The owner part of a new object: the caller owns it, with oned's default bits, unlocked. */
export function newOwned(ctx: CallContext, id: number, name: string): Owned {
  return { id, uid: ctx.who.uid, gid: ctx.who.gid, name, perms: newObjectPerms(), lock: null };
}
