// The method table. Every kind of the resource catalogue gets its one.<rpc>.info and pool method
// (the names come from the catalogue, not from a second list); kinds the simulator holds no
// objects of answer like an empty oned pool. Then the kind-specific methods.
import { CATALOGUE, type ResourceKind } from '../../one/catalogue.js';
import { XmlDoc, noExists, type MethodSpec } from '../call.js';
import { filterPredicate } from '../pool-filter.js';
import type { AuthType } from '../authz.js';
import { groupMethods } from './groups.js';
import { hostMethods } from './hosts.js';
import { imageMethods } from './images.js';
import { infraMethods } from './infra.js';
import { systemMethods } from './system.js';
import { templateMethods } from './templates.js';
import { userMethods } from './users.js';
import { vmPoolMethods } from './vm-pools.js';
import { vmMethods } from './vms.js';
import { vnetMethods } from './vnets.js';

function emptyInfo(kind: ResourceKind): MethodSpec {
  return {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => {
      throw noExists(ctx.method, kind.objectName, args.int(0));
    },
  };
}

function emptyPool(kind: ResourceKind): MethodSpec {
  const root = kind.poolElement;
  if (!kind.pool.filtered) return { params: '', handler: () => XmlDoc.of(`<${root}></${root}>`) };
  return {
    params: 'iii',
    handler: (ctx, args) => {
      filterPredicate(ctx.sim.state, ctx.method, ctx.who, kind.authType as AuthType, args.int(0));
      return XmlDoc.of(`<${root}></${root}>`);
    },
  };
}

export function methodTable(): Map<string, MethodSpec> {
  const specific: Record<string, MethodSpec> = {
    ...systemMethods,
    ...userMethods,
    ...groupMethods,
    ...vmMethods,
    ...vmPoolMethods,
    ...templateMethods,
    ...hostMethods,
    ...imageMethods,
    ...vnetMethods,
    ...infraMethods,
  };
  const table = new Map<string, MethodSpec>();
  for (const kind of CATALOGUE) {
    const info = `one.${kind.rpc}.info`;
    table.set(info, specific[info] ?? emptyInfo(kind));
    table.set(kind.pool.method, specific[kind.pool.method] ?? emptyPool(kind));
  }
  for (const [name, spec] of Object.entries(specific)) table.set(name, spec);
  return table;
}
