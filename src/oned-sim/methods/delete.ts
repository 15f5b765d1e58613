// one.<r>.delete(id): MANAGE (ADMIN for infrastructure), the kind's refusal rules with oned's
// "Cannot delete <obj>. <reason>" (ACTION; reference oned-xmlrpc.md §1.5), then whatever the
// deletion undoes, and the object leaves its pool.
import { fail, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { OP } from '../authz.js';
import { manageOp } from './common.js';
import { fetchAuthorized, type Named, type SimKind } from './kind.js';

/** Deletes one object after the checks; the id of the deleted object. */
export function deleteObject<T extends Named>(ctx: CallContext, kind: SimKind<T>, id: number): T {
  const obj = fetchAuthorized(ctx, kind, id, kind.deleteAdmin ? OP.ADMIN : manageOp(kind));
  const refusal = kind.deleteRefusal?.(ctx, obj);
  if (refusal) throw fail(ONED.ACTION, ctx.method, `Cannot delete ${kind.objectName}. ${refusal}`, id);
  kind.onDelete?.(ctx, obj);
  kind.pool(ctx.sim.state).remove(id);
  return obj;
}

/** `optional`: the trailing parameters some kinds take (image force, template recursive). */
export function deleteSpec<T extends Named>(kind: SimKind<T>, optional?: readonly string[]): MethodSpec {
  return {
    params: 'i',
    ...(optional ? { optional } : {}),
    handler: (ctx, args) => deleteObject(ctx, kind, args.int(0)).id,
  };
}
