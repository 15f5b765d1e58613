// The resource catalogue: one declarative description of every kind Sunstone serves
// (reference sunstone-server.md §3.5, §4.5-4.6; oned-xmlrpc.md §1.5, §2). Routes, the simulator's
// method table and the UI's menus are all derived from it; nothing else lists the kinds.
// Each kind's actions, create body and delete live in ./catalogue/<area>.ts; this file names the
// kinds and answers lookups. Pure data and tiny pure helpers only: the UI bundles this file.
import { acl, group, user } from './catalogue/auth.js';
import { cluster, host, vdc, zone } from './catalogue/infra.js';
import { securityGroup, vnet, vrouter } from './catalogue/network.js';
import { backupjob, datastore, image, marketplace, marketplaceapp } from './catalogue/storage.js';
import { vmGroup, vmtemplate, vntemplate } from './catalogue/templates.js';
import type {
  ActionArg,
  ActionParam,
  ActionSpec,
  CallAction,
  CreateArg,
  KindBehaviour,
  PoolSpec,
  ResourceKind,
} from './catalogue/types.js';
import { vm } from './catalogue/vm.js';

export type {
  ActionArg,
  ActionParam,
  ActionResult,
  ActionSpec,
  CallAction,
  CallCreate,
  CreateArg,
  CreateProcedureName,
  CreateSpec,
  DeleteSpec,
  ParamType,
  PoolSpec,
  ProcedureAction,
  ProcedureCreate,
  ProcedureName,
  ResourceKind,
} from './catalogue/types.js';

function kind(
  url: string,
  element: string,
  rpc: string,
  objectName: string,
  authType: string,
  behaviour: KindBehaviour,
  pool: Partial<PoolSpec> = {},
): ResourceKind {
  return {
    url,
    element,
    poolElement: `${element}_POOL`,
    rpc,
    pool: {
      method: pool.method ?? `one.${rpc}pool.info`,
      filtered: pool.filtered ?? false,
      paginated: pool.paginated ?? false,
      ...(pool.extraArgs ? { extraArgs: pool.extraArgs } : {}),
    },
    objectName,
    authType,
    infoById: rpc !== 'acl',
    ...behaviour,
  };
}

const filtered = { filtered: true } as const;

/** The 19 kinds of sunstone-server.md §3.5, in its order. */
export const CATALOGUE: readonly ResourceKind[] = [
  kind('vm', 'VM', 'vm', 'virtual machine', 'VM', vm, { filtered: true, paginated: true, extraArgs: [-1] }),
  kind('host', 'HOST', 'host', 'host', 'HOST', host),
  kind('cluster', 'CLUSTER', 'cluster', 'cluster', 'CLUSTER', cluster),
  kind('image', 'IMAGE', 'image', 'image', 'IMAGE', image, { filtered: true, paginated: true }),
  kind('vmtemplate', 'VMTEMPLATE', 'template', 'virtual machine template', 'TEMPLATE', vmtemplate, filtered),
  kind('vm_group', 'VM_GROUP', 'vmgroup', 'vm group', 'VMGROUP', vmGroup, filtered),
  kind('vnet', 'VNET', 'vn', 'virtual network', 'NET', vnet, filtered),
  kind(
    'vntemplate',
    'VNTEMPLATE',
    'vntemplate',
    'virtual network template',
    'VNTEMPLATE',
    vntemplate,
    filtered,
  ),
  kind('user', 'USER', 'user', 'user', 'USER', user),
  kind('group', 'GROUP', 'group', 'group', 'GROUP', group),
  kind('acl', 'ACL', 'acl', 'ACL', 'ACL', acl, { method: 'one.acl.info' }),
  kind('datastore', 'DATASTORE', 'datastore', 'datastore', 'DATASTORE', datastore),
  kind('zone', 'ZONE', 'zone', 'zone', 'ZONE', zone),
  kind('security_group', 'SECURITY_GROUP', 'secgroup', 'security group', 'SECGROUP', securityGroup, filtered),
  kind('vdc', 'VDC', 'vdc', 'VDC', 'VDC', vdc),
  kind('vrouter', 'VROUTER', 'vrouter', 'virtual router', 'VROUTER', vrouter, filtered),
  kind('marketplace', 'MARKETPLACE', 'market', 'marketplace', 'MARKETPLACE', marketplace),
  kind(
    'marketplaceapp',
    'MARKETPLACEAPP',
    'marketapp',
    'marketplaceapp',
    'MARKETPLACEAPP',
    marketplaceapp,
    filtered,
  ),
  kind('backupjob', 'BACKUPJOB', 'backupjob', 'backup job', 'BACKUPJOB', backupjob, filtered),
];

const byUrl = new Map(CATALOGUE.map((k) => [k.url, k]));
const byRpc = new Map(CATALOGUE.map((k) => [k.rpc, k]));

export function kindByUrl(url: string): ResourceKind | undefined {
  return byUrl.get(url);
}

export function kindByRpc(rpc: string): ResourceKind | undefined {
  return byRpc.get(rpc);
}

export function actionOf(kind: ResourceKind, perform: string): ActionSpec | undefined {
  return kind.actions.find((a) => a.name === perform);
}

export function isCallAction(action: ActionSpec): action is CallAction {
  return 'method' in action;
}

function paramCode(p: ActionParam | undefined, as?: 'string'): string {
  if (as === 'string') return 's';
  switch (p?.type) {
    case 'integer':
      return 'i';
    case 'boolean':
      return 'b';
    case 'integer-list':
      return 'A';
    default:
      return 's';
  }
}

function literalCode(value: string | number | boolean): string {
  return typeof value === 'number' ? 'i' : typeof value === 'boolean' ? 'b' : 's';
}

function argCode(arg: ActionArg, params: readonly ActionParam[]): string {
  switch (arg.from) {
    case 'id':
    case 'update-type':
      return 'i';
    case 'param':
      return paramCode(
        params.find((p) => p.name === arg.name),
        arg.as,
      );
    case 'literal':
      return literalCode(arg.value);
    case 'permissions':
      return 'iiiiiiiii';
    default:
      // hard-variant, template, lease, reservation: all text
      return 's';
  }
}

/**
 * The XML-RPC argument types after the session string, in oned-xmlrpc.md §2's notation
 * (`s` string, `i` i4, `b` boolean, `A` array): 'iiibis' for one.vm.deploy.
 */
export function callSignature(action: CallAction): string {
  return action.args.map((a) => argCode(a, action.params)).join('');
}

function createArgCode(arg: CreateArg): string {
  switch (arg.from) {
    case 'template':
      return 's';
    case 'body':
      return 'i';
    case 'field':
      return arg.type === 'integer' ? 'i' : arg.type === 'integer-list' ? 'A' : 's';
    case 'literal':
      return literalCode(arg.value);
  }
}

/** One XML-RPC method the catalogue uses, with the argument types it sends (when declared). */
export interface CatalogueMethod {
  readonly method: string;
  /** Every signature sent (one method may be reached with several, e.g. publish vs chmod). */
  readonly signatures: readonly string[];
}

/**
 * Every XML-RPC method routes may call for the catalogue's kinds: info, pool, actions, creates,
 * deletes and the methods procedures use (their signatures are documented with the procedure).
 */
export function catalogueMethods(): CatalogueMethod[] {
  const found = new Map<string, Set<string>>();
  const add = (method: string, signature?: string): void => {
    const set = found.get(method) ?? new Set<string>();
    if (signature !== undefined) set.add(signature);
    found.set(method, set);
  };
  for (const k of CATALOGUE) {
    add(`one.${k.rpc}.info`);
    add(k.pool.method);
    for (const a of k.actions) {
      if (isCallAction(a)) add(a.method, callSignature(a));
      else for (const m of a.methods) add(m);
    }
    if ('method' in k.create) add(k.create.method, k.create.args.map(createArgCode).join(''));
    else for (const m of k.create.methods) add(m);
    add(k.delete.method, k.delete.args.map((a) => argCode(a, [])).join(''));
  }
  return [...found].map(([method, s]) => ({ method, signatures: [...s].sort() }));
}
