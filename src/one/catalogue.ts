// The resource catalogue: one declarative description of every kind Sunstone serves
// (reference sunstone-server.md §3.5, §4.5-4.6; oned-xmlrpc.md §1.5, §2). Routes, the simulator's
// method table and the UI's menus are all derived from it; nothing else lists the kinds.
// Pure data and tiny pure helpers only: the UI bundles this file.

/** Types of action parameters in Sunstone's JSON bodies. */
export type ParamType = 'integer' | 'boolean' | 'string' | 'object';

export interface ActionParam {
  readonly name: string;
  readonly type: ParamType;
  /** Value used when the client leaves the parameter out; absent = the parameter is required. */
  readonly default?: string | number | boolean;
}

/** How one XML-RPC argument (after the session string) is built from the request. */
export type ActionArg =
  | { readonly from: 'id' }
  | { readonly from: 'param'; readonly name: string }
  | { readonly from: 'literal'; readonly value: string | number | boolean }
  /** `name` or `name-hard` depending on the boolean `hard` parameter (one.vm.action names). */
  | { readonly from: 'hard-variant'; readonly name: string };

export interface ActionSpec {
  /** The `perform` value of `{"action":{"perform":...}}`. */
  readonly name: string;
  readonly method: string;
  readonly args: readonly ActionArg[];
  readonly params: readonly ActionParam[];
  /** For the UI's menus: a label, and whether the action destroys something. */
  readonly ui?: { readonly label: string; readonly danger?: boolean };
}

export interface PoolSpec {
  /** XML-RPC method listing the pool. */
  readonly method: string;
  /** Takes (filter, start, end): the Sunstone pool_filter applies. */
  readonly filtered: boolean;
  /** Fetched in pages of ONE_POOL_PAGE_SIZE and always returned as an array or null (vm, image). */
  readonly paginated: boolean;
  /** Extra trailing XML-RPC arguments (vmpool.info's state filter: -1 = all but DONE). */
  readonly extraArgs?: readonly number[];
}

export interface ResourceKind {
  /** Name in URLs: GET /vm, GET /vm/7. */
  readonly url: string;
  /** Root element of one object, and of the pool. */
  readonly element: string;
  readonly poolElement: string;
  /** XML-RPC family: one.<rpc>.info ... */
  readonly rpc: string;
  readonly pool: PoolSpec;
  /** oned's human name of the object in error messages (Request::object_name). */
  readonly objectName: string;
  /** oned's authorization type in AUTHORIZATION messages (AuthRequest). */
  readonly authType: string;
  readonly actions: readonly ActionSpec[];
}

const hard: ActionParam = { name: 'hard', type: 'boolean', default: false };

/** one.vm.action(name, id): the action name comes first (oned-xmlrpc.md §2.4). */
function vmAction(name: string, label: string, opts: { hard?: boolean; danger?: boolean } = {}): ActionSpec {
  return {
    name,
    method: 'one.vm.action',
    args: [opts.hard ? { from: 'hard-variant', name } : { from: 'literal', value: name }, { from: 'id' }],
    params: opts.hard ? [hard] : [],
    ui: { label, ...(opts.danger ? { danger: true } : {}) },
  };
}

const vmActions: readonly ActionSpec[] = [
  {
    name: 'deploy',
    method: 'one.vm.deploy',
    args: [
      { from: 'id' },
      { from: 'param', name: 'host_id' },
      { from: 'param', name: 'enforce' },
      { from: 'param', name: 'ds_id' },
    ],
    params: [
      { name: 'host_id', type: 'integer' },
      { name: 'enforce', type: 'boolean', default: false },
      { name: 'ds_id', type: 'integer', default: -1 },
    ],
    ui: { label: 'Deploy' },
  },
  vmAction('hold', 'Hold'),
  vmAction('release', 'Release'),
  vmAction('resume', 'Resume'),
  vmAction('stop', 'Stop'),
  vmAction('suspend', 'Suspend'),
  vmAction('resched', 'Reschedule'),
  vmAction('unresched', 'Un-reschedule'),
  vmAction('terminate', 'Terminate', { hard: true, danger: true }),
  vmAction('reboot', 'Reboot', { hard: true }),
  vmAction('poweroff', 'Power off', { hard: true }),
  vmAction('undeploy', 'Undeploy', { hard: true }),
];

function kind(
  url: string,
  element: string,
  rpc: string,
  objectName: string,
  authType: string,
  pool: Partial<PoolSpec> & { method?: string } = {},
  actions: readonly ActionSpec[] = [],
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
    actions,
  };
}

const filtered = { filtered: true } as const;

/** The 19 kinds of sunstone-server.md §3.5, in its order. */
export const CATALOGUE: readonly ResourceKind[] = [
  kind(
    'vm',
    'VM',
    'vm',
    'virtual machine',
    'VM',
    { filtered: true, paginated: true, extraArgs: [-1] },
    vmActions,
  ),
  kind('host', 'HOST', 'host', 'host', 'HOST'),
  kind('cluster', 'CLUSTER', 'cluster', 'cluster', 'CLUSTER'),
  kind('image', 'IMAGE', 'image', 'image', 'IMAGE', { filtered: true, paginated: true }),
  kind('vmtemplate', 'VMTEMPLATE', 'template', 'virtual machine template', 'TEMPLATE', filtered),
  kind('vm_group', 'VM_GROUP', 'vmgroup', 'vm group', 'VMGROUP', filtered),
  kind('vnet', 'VNET', 'vn', 'virtual network', 'NET', filtered),
  kind('vntemplate', 'VNTEMPLATE', 'vntemplate', 'virtual network template', 'VNTEMPLATE', filtered),
  kind('user', 'USER', 'user', 'user', 'USER'),
  kind('group', 'GROUP', 'group', 'group', 'GROUP'),
  kind('acl', 'ACL', 'acl', 'ACL', 'ACL', { method: 'one.acl.info' }),
  kind('datastore', 'DATASTORE', 'datastore', 'datastore', 'DATASTORE'),
  kind('zone', 'ZONE', 'zone', 'zone', 'ZONE'),
  kind('security_group', 'SECURITY_GROUP', 'secgroup', 'security group', 'SECGROUP', filtered),
  kind('vdc', 'VDC', 'vdc', 'VDC', 'VDC'),
  kind('vrouter', 'VROUTER', 'vrouter', 'virtual router', 'VROUTER', filtered),
  kind('marketplace', 'MARKETPLACE', 'market', 'marketplace', 'MARKETPLACE'),
  kind('marketplaceapp', 'MARKETPLACEAPP', 'marketapp', 'marketplaceapp', 'MARKETPLACEAPP', filtered),
  kind('backupjob', 'BACKUPJOB', 'backupjob', 'backup job', 'BACKUPJOB', filtered),
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
