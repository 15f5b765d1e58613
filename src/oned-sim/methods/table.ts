// The method table, derived from the resource catalogue: every method the catalogue names
// (info, pool, actions, creates, deletes) gets the kind's own handler if it has one, else the
// generic operation of that name (update, rename, chown, chmod, lock, unlock, delete) for the
// kind's store; kinds the simulator holds nothing of answer like an empty oned pool. Methods
// outside the catalogue (system, login, documents, accounting, monitoring) come from the modules.
import { CATALOGUE, catalogueMethods, kindByRpc } from '../../one/catalogue.js';
import type { MethodSpec } from '../call.js';
import { aclModule } from './acl.js';
import { backupJobModule } from './backupjobs.js';
import { clusterModule } from './clusters.js';
import { datastoreModule } from './datastores.js';
import { documentModule } from './documents.js';
import { emptyOps, type KindModule } from './generic.js';
import { groupModule } from './groups.js';
import { hostModule } from './hosts.js';
import { imageModule } from './images.js';
import { marketModules } from './markets.js';
import { showbackMethods } from './showback.js';
import { secGroupModule } from './secgroups.js';
import { systemMethods } from './system.js';
import { templateModule } from './templates.js';
import { userModule } from './users.js';
import { vmPoolMethods } from './vm-pools.js';
import { vmGroupModule } from './vmgroups.js';
import { vmModule } from './vms.js';
import { vdcModule } from './vdcs.js';
import { vnetModule } from './vnets.js';
import { vnTemplateModule } from './vntemplates.js';
import { vrouterModule } from './vrouters.js';
import { zoneModule } from './zones.js';

const MODULES: readonly KindModule[] = [
  vmModule,
  hostModule,
  imageModule,
  templateModule,
  vnetModule,
  vnTemplateModule,
  secGroupModule,
  userModule,
  groupModule,
  aclModule,
  documentModule,
  clusterModule,
  datastoreModule,
  zoneModule,
  vdcModule,
  vmGroupModule,
  vrouterModule,
  backupJobModule,
  ...marketModules,
];

export function methodTable(): Map<string, MethodSpec> {
  const byRpc = new Map(MODULES.map((m) => [m.rpc, m]));
  const specific: Record<string, MethodSpec> = { ...systemMethods, ...vmPoolMethods, ...showbackMethods };
  for (const m of MODULES) Object.assign(specific, m.methods);
  const table = new Map<string, MethodSpec>();
  const empty = emptyOps();
  for (const kind of CATALOGUE) {
    const ops = byRpc.get(kind.rpc)?.ops ?? empty;
    const info = `one.${kind.rpc}.info`;
    const infoSpec = specific[info] ?? ops('info', kind);
    const poolSpec = specific[kind.pool.method] ?? ops('pool', kind);
    if (infoSpec) table.set(info, infoSpec);
    if (poolSpec) table.set(kind.pool.method, poolSpec);
  }
  for (const { method } of catalogueMethods()) {
    if (table.has(method) || specific[method]) continue;
    const m = /^one\.([a-z_]+)\.([a-z_]+)$/.exec(method);
    const kind = m && kindByRpc(m[1] as string);
    const spec = kind && byRpc.get(kind.rpc)?.ops(m[2] as string, kind);
    if (spec) table.set(method, spec);
  }
  for (const [name, spec] of Object.entries(specific)) table.set(name, spec);
  return table;
}
