// Builders for the actions most kinds share (update, chown, chmod, rename, lock ...), with the
// argument lists of oned-xmlrpc.md §2.1 and the parameter names of sunstone-server.md §4.6.
// Results follow what the Ruby OCA method returns: calls through PoolElement#call give nil (204),
// direct client calls give oned's value (201): lock and unlock are direct, so they answer the id.
import type {
  ActionArg,
  ActionParam,
  ActionResult,
  CallAction,
  CreateArg,
  CreateSpec,
  DeleteSpec,
} from './types.js';

export const ID: ActionArg = { from: 'id' };

export function param(name: string, as?: 'string'): ActionArg {
  return as ? { from: 'param', name, as } : { from: 'param', name };
}

export function lit(value: string | number | boolean): ActionArg {
  return { from: 'literal', value };
}

export function int(name: string, dflt?: number): ActionParam {
  return dflt === undefined ? { name, type: 'integer' } : { name, type: 'integer', default: dflt };
}

export function str(name: string, dflt?: string): ActionParam {
  return dflt === undefined ? { name, type: 'string' } : { name, type: 'string', default: dflt };
}

export function bool(name: string, dflt = false): ActionParam {
  return { name, type: 'boolean', default: dflt };
}

export function obj(name: string, optional = false): ActionParam {
  return optional ? { name, type: 'object', optional: true } : { name, type: 'object' };
}

/** A single-call action. */
export function call(
  name: string,
  method: string,
  args: readonly ActionArg[],
  params: readonly ActionParam[] = [],
  result: ActionResult = 'none',
): CallAction {
  return { name, method, args, params, result };
}

/** An action that is one call with the object id only (backupjob backup, vm_group delete ...). */
export function idOnly(name: string, method: string, result: ActionResult = 'none'): CallAction {
  return call(name, method, [ID], [], result);
}

/** `update`: template_raw, and `append` (oned update type 1/0; Sunstone sends 0 when absent). */
export function update(rpc: string, opts: { append?: boolean } = { append: true }): CallAction {
  return opts.append === false
    ? call('update', `one.${rpc}.update`, [ID, param('template_raw'), lit(0)], [str('template_raw')])
    : call(
        'update',
        `one.${rpc}.update`,
        [ID, param('template_raw'), { from: 'update-type', name: 'append' }],
        [str('template_raw'), bool('append')],
      );
}

/** `chown`: owner_id and group_id, -1 keeps the current one (the browser's chgrp sends owner -1). */
export function chown(rpc: string): CallAction {
  return call(
    'chown',
    `one.${rpc}.chown`,
    [ID, param('owner_id'), param('group_id')],
    [int('owner_id', -1), int('group_id', -1)],
  );
}

export const PERMISSION_FLAGS = [
  'owner_u',
  'owner_m',
  'owner_a',
  'group_u',
  'group_m',
  'group_a',
  'other_u',
  'other_m',
  'other_a',
] as const;

/** `octet` ("640"), or else the nine flags, each 1, 0 or -1 (unchanged). */
export const PERMISSION_PARAMS: readonly ActionParam[] = [
  { name: 'octet', type: 'octet', optional: true },
  ...PERMISSION_FLAGS.map((f) => int(f, -1)),
];

/** `chmod`; vmtemplate's takes a trailing `recursive` (also chmod its images). */
export function chmod(rpc: string, opts: { recursive?: boolean } = {}): CallAction {
  return opts.recursive
    ? call(
        'chmod',
        `one.${rpc}.chmod`,
        [ID, { from: 'permissions' }, param('recursive')],
        [...PERMISSION_PARAMS, bool('recursive')],
      )
    : call('chmod', `one.${rpc}.chmod`, [ID, { from: 'permissions' }], PERMISSION_PARAMS);
}

/** publish/unpublish: chmod of GROUP_U only (OCA set_publish), every other bit -1. */
export function publish(rpc: string, on: boolean, opts: { recursive?: boolean } = {}): CallAction {
  const bits = [-1, -1, -1, on ? 1 : 0, -1, -1, -1, -1, -1].map((b) => lit(b));
  return call(on ? 'publish' : 'unpublish', `one.${rpc}.chmod`, [
    ID,
    ...bits,
    ...(opts.recursive ? [lit(false)] : []),
  ]);
}

export function rename(rpc: string): CallAction {
  return call('rename', `one.${rpc}.rename`, [ID, param('name')], [str('name')]);
}

/** `lock` (level 1 use, 2 manage, 3 admin, 4 all; test=false): oned's answer is the id, shown as 201. */
export function lock(rpc: string): CallAction {
  return call('lock', `one.${rpc}.lock`, [ID, param('level'), lit(false)], [int('level')], 'value');
}

export function unlock(rpc: string): CallAction {
  return call('unlock', `one.${rpc}.unlock`, [ID], [], 'value');
}

/** enable/disable through a boolean method (`one.image.enable(id, true)` ...). */
export function toggle(name: string, method: string, value: boolean): CallAction {
  return call(name, method, [ID, lit(value)]);
}

/** Sched actions (vm and backupjob): sched_template is OpenNebula template text. */
export function schedActions(rpc: string): CallAction[] {
  return [
    call('sched_action_add', `one.${rpc}.schedadd`, [ID, param('sched_template')], [str('sched_template')]),
    call(
      'sched_action_update',
      `one.${rpc}.schedupdate`,
      [ID, param('sched_id'), param('sched_template')],
      [int('sched_id'), str('sched_template')],
    ),
    call('sched_action_delete', `one.${rpc}.scheddelete`, [ID, param('sched_id')], [int('sched_id')]),
  ];
}

/** The common create: `{"<root>":{...}}` (or its raw key) -> one.<rpc>.allocate(template, ...extra). */
export function allocate(
  rpc: string,
  root: string,
  raw: string | undefined,
  extra: readonly CreateArg[] = [],
): CreateSpec {
  return {
    root,
    ...(raw ? { raw } : {}),
    method: `one.${rpc}.allocate`,
    args: [{ from: 'template' }, ...extra],
  };
}

/** The common delete: read the object, then one.<rpc>.delete(id). */
export function deleteById(rpc: string): DeleteSpec {
  return { method: `one.${rpc}.delete`, args: [ID], read: true };
}
