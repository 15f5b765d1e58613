// The generic operations of a kind, picked by name: the method table asks for `one.<rpc>.<op>`
// whenever the resource catalogue names such a method and the kind has no handler of its own.
import type { ResourceKind } from '../../one/catalogue.js';
import type { AuthType } from '../authz.js';
import { noExists, XmlDoc, type MethodSpec } from '../call.js';
import { filterPredicate } from '../pool-filter.js';
import type { Owned } from '../records.js';
import { filteredPoolSpec, infoSpec, renameSpec, updateSpec, visiblePoolSpec } from './common.js';
import { deleteSpec } from './delete.js';
import type { Named, SimKind } from './kind.js';
import { chmodSpec, chownSpec, lockSpec, unlockSpec } from './ownership.js';

/** `op` is the last part of the method name, or 'pool' for the kind's pool method. */
export type GenericOps = (op: string, kind: ResourceKind) => MethodSpec | undefined;

/** One kind the simulator stores: its generic operations and its own methods. */
export interface KindModule {
  /** The XML-RPC family (`one.<rpc>.*`), as the catalogue names it. */
  readonly rpc: string;
  readonly ops: GenericOps;
  readonly methods: Readonly<Record<string, MethodSpec>>;
}

function poolSpec<T extends Named>(kind: SimKind<T>, rk: ResourceKind): MethodSpec {
  return rk.pool.filtered ? filteredPoolSpec(kind, rk.poolElement) : visiblePoolSpec(kind, rk.poolElement);
}

/** info, pool, update, rename and delete: the kinds without owner or bits (hosts, clusters...). */
export function systemOps<T extends Named>(kind: SimKind<T>): GenericOps {
  return (op, rk) => {
    switch (op) {
      case 'info':
        return infoSpec(kind);
      case 'pool':
        return poolSpec(kind, rk);
      case 'update':
        return updateSpec(kind);
      case 'rename':
        return renameSpec(kind);
      case 'delete':
        return deleteSpec(kind);
      default:
        return undefined;
    }
  };
}

/** Everything systemOps has, plus chown, chmod, lock and unlock. */
export function ownedOps<T extends Owned>(kind: SimKind<T>): GenericOps {
  const base = systemOps(kind);
  return (op, rk) => {
    switch (op) {
      case 'chown':
        return chownSpec(kind);
      case 'chmod':
        return chmodSpec(kind);
      case 'lock':
        return lockSpec(kind);
      case 'unlock':
        return unlockSpec(kind);
      default:
        return base(op, rk);
    }
  };
}

/** The info and pool of a kind the simulator holds nothing of: an empty oned pool. */
export function emptyOps(): GenericOps {
  return (op, rk) => {
    const root = rk.poolElement;
    if (op === 'info')
      return {
        params: 'i',
        optional: ['b'],
        handler: (ctx, args) => {
          throw noExists(ctx.method, rk.objectName, args.int(0));
        },
      };
    if (op !== 'pool') return undefined;
    if (!rk.pool.filtered) return { params: '', handler: () => XmlDoc.of(`<${root}></${root}>`) };
    return {
      params: 'iii',
      handler: (ctx, args) => {
        filterPredicate(ctx.sim.state, ctx.method, ctx.who, rk.authType as AuthType, args.int(0));
        return XmlDoc.of(`<${root}></${root}>`);
      },
    };
  };
}
