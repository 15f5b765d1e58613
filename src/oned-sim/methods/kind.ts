// How the generic handlers see one kind of object: where its objects live, how authorization sees
// them (owner, group, permission bits, lock, clusters), its XML, the template update edits, and
// the rules oned applies to names and deletion. Owned kinds (VMs, images, templates...) carry
// their own owner and bits; the others (users, groups, hosts, clusters, zones, VDCs) are seen
// through fixed ownership (reference oned-xmlrpc.md §4.13).
import { authorize, type AuthObject, type AuthType, type Op } from '../authz.js';
import { getOr, type CallContext } from '../call.js';
import type { Pool } from '../pool.js';
import type { Owned } from '../records.js';
import type { SimState } from '../state.js';
import type { Template } from '../template.js';

export interface Named {
  readonly id: number;
  name: string;
}

export interface SimKind<T extends Named> {
  readonly authType: AuthType;
  /** oned's object name in messages ("virtual machine template"). */
  readonly objectName: string;
  readonly pool: (state: SimState) => Pool<T>;
  readonly xml: (ctx: CallContext, obj: T) => string;
  readonly auth: (obj: T) => AuthObject;
  /** The template that update edits. */
  readonly template?: (obj: T) => Template;
  /** Called after any change (VMs drop their cached bodies). */
  readonly touched?: (ctx: CallContext, obj: T) => void;
  /** Infrastructure kinds need ADMIN (not MANAGE) to update, rename and delete. */
  readonly adminOps?: boolean;
  /** Delete needs ADMIN even where update and rename need MANAGE (users, groups). */
  readonly deleteAdmin?: boolean;
  /** NAME unique among the owner's objects, or in the whole pool (reference §8 simulator 3). */
  readonly unique?: 'owner' | 'global';
  /** Why oned refuses to delete the object now (the text after "Cannot delete <obj>. "). */
  readonly deleteRefusal?: (ctx: CallContext, obj: T) => string | null;
  /** What deleting the object also undoes (leases, memberships, timers). */
  readonly onDelete?: (ctx: CallContext, obj: T) => void;
}

/** An owned kind: authorization from the object's own owner, group, bits and lock. */
export function ownedKind<T extends Owned>(
  k: Omit<SimKind<T>, 'auth'> & { readonly clusters?: (obj: T) => readonly number[] },
): SimKind<T> {
  const clusters = k.clusters;
  return {
    ...k,
    auth: (o) => ({
      id: o.id,
      uid: o.uid,
      gid: o.gid,
      perms: o.perms,
      lock: o.lock,
      clusters: clusters ? clusters(o) : null,
    }),
  };
}

export function authObject<T extends Named>(kind: SimKind<T>, obj: T): AuthObject {
  return kind.auth(obj);
}

/** Looks the object up (NO_EXISTS) and checks `op` on it (AUTHORIZATION). Info, lock and unlock
 * pass `ignoreLock`: oned checks them as *_NO_LCK operations. */
export function fetchAuthorized<T extends Named>(
  ctx: CallContext,
  kind: SimKind<T>,
  id: number,
  op: Op,
  opts: { readonly ignoreLock?: boolean } = {},
): T {
  const obj = getOr(kind.pool(ctx.sim.state).get(id), ctx.method, kind.objectName, id);
  const auth = kind.auth(obj);
  authorize(
    ctx.sim.state,
    ctx.method,
    ctx.who,
    [[kind.authType, opts.ignoreLock ? { ...auth, lock: null } : auth, op]],
    id,
  );
  return obj;
}
