// Scheduled actions of VMs and backup jobs (reference oned-xmlrpc.md §2.4; shared.xsd
// SCHED_ACTION): schedadd (answers the new action's id; ids are one pool for the whole cloud,
// as oned 6.10 keeps them), schedupdate and scheddelete, MANAGE on the parent. The simulator
// shows them; it does not run them when their time comes.
import { OP } from '../authz.js';
import { fail, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { Owned, SchedActionRec } from '../records.js';
import { VM_ACTIONS } from '../vm-actions.js';
import { fetchAuthorized, parseOrFail, type SimKind } from './common.js';

/** Actions a VM's schedule may name besides one.vm.action's. */
const VM_SCHEDULABLE = new Set([
  ...VM_ACTIONS,
  'snapshot-create',
  'snapshot-revert',
  'snapshot-delete',
  'disk-snapshot-create',
  'disk-snapshot-revert',
  'disk-snapshot-delete',
  'backup',
]);
const MAX_PER_OBJECT = 64;

export interface SchedParent<T extends Owned> {
  readonly kind: SimKind<T>;
  readonly type: 'VM' | 'BACKUPJOB';
  readonly list: (obj: T) => SchedActionRec[];
  readonly set: (obj: T, list: SchedActionRec[]) => void;
}

function int(ctx: CallContext, id: number, name: string, text: string | undefined, dflt: number): number {
  if (text === undefined || text === '') return dflt;
  if (!/^-?\d+$/.test(text.trim()))
    throw fail(ONED.ACTION, ctx.method, `Invalid ${name} in SCHED_ACTION: ${text}`, id);
  return Number(text);
}

/** The SCHED_ACTION vector of a client template, checked as oned's SchedAction::parse does. */
function parse(
  ctx: CallContext,
  id: number,
  type: 'VM' | 'BACKUPJOB',
  text: string,
  base?: SchedActionRec,
): Omit<SchedActionRec, 'id' | 'parentId' | 'type'> {
  const v = parseOrFail(ctx.method, text).vector('SCHED_ACTION');
  if (!v) throw fail(ONED.ACTION, ctx.method, 'No SCHED_ACTION attribute in the template.', id);
  // A backup job's schedule can only back up, so its forms leave ACTION out.
  const action = v.get('ACTION') ?? base?.action ?? (type === 'BACKUPJOB' ? 'backup' : '');
  if (action === '') throw fail(ONED.ACTION, ctx.method, 'No ACTION in SCHED_ACTION', id);
  const allowed = type === 'VM' ? VM_SCHEDULABLE.has(action) : action === 'backup';
  if (!allowed) throw fail(ONED.ACTION, ctx.method, `Invalid ACTION in SCHED_ACTION: ${action}`, id);
  const time = v.get('TIME') ?? base?.time ?? '';
  if (!/^\+?\d+$/.test(time.trim()))
    throw fail(ONED.ACTION, ctx.method, `Invalid TIME in SCHED_ACTION: ${time}`, id);
  const repeat = int(ctx, id, 'REPEAT', v.get('REPEAT'), base?.repeat ?? -1);
  if (repeat < -1 || repeat > 3)
    throw fail(ONED.ACTION, ctx.method, `Invalid REPEAT in SCHED_ACTION: ${repeat}`, id);
  return {
    action,
    args: v.get('ARGS') ?? base?.args ?? '',
    time: time.trim(),
    repeat,
    days: v.get('DAYS') ?? base?.days ?? '',
    endType: int(ctx, id, 'END_TYPE', v.get('END_TYPE'), base?.endType ?? -1),
    endValue: int(ctx, id, 'END_VALUE', v.get('END_VALUE'), base?.endValue ?? -1),
    done: base?.done ?? -1,
    message: base?.message ?? '',
    warning: base?.warning ?? 0,
  };
}

function found(ctx: CallContext, list: SchedActionRec[], saId: number): SchedActionRec {
  const sa = list.find((a) => a.id === saId);
  if (!sa) throw fail(ONED.NO_EXISTS, ctx.method, `Error getting scheduled action [${saId}].`, saId);
  return sa;
}

export function schedMethods<T extends Owned>(rpc: string, p: SchedParent<T>): Record<string, MethodSpec> {
  const touched = (ctx: CallContext, obj: T): void => p.kind.touched?.(ctx, obj);
  return {
    [`one.${rpc}.schedadd`]: {
      params: 'is',
      handler: (ctx, args) => {
        const id = args.int(0);
        const obj = fetchAuthorized(ctx, p.kind, id, OP.MANAGE);
        const list = p.list(obj);
        if (list.length >= MAX_PER_OBJECT)
          throw fail(ONED.ACTION, ctx.method, 'Too many scheduled actions', id);
        const sa: SchedActionRec = {
          id: ctx.sim.state.nextSchedId(),
          parentId: id,
          type: p.type,
          ...parse(ctx, id, p.type, args.str(1)),
        };
        p.set(obj, [...list, sa]);
        touched(ctx, obj);
        return sa.id;
      },
    },
    [`one.${rpc}.schedupdate`]: {
      params: 'iis',
      handler: (ctx, args) => {
        const [id, saId] = [args.int(0), args.int(1)];
        const obj = fetchAuthorized(ctx, p.kind, id, OP.MANAGE);
        const list = p.list(obj);
        const sa = found(ctx, list, saId);
        Object.assign(sa, parse(ctx, id, p.type, args.str(2), sa));
        touched(ctx, obj);
        return id;
      },
    },
    [`one.${rpc}.scheddelete`]: {
      params: 'ii',
      handler: (ctx, args) => {
        const [id, saId] = [args.int(0), args.int(1)];
        const obj = fetchAuthorized(ctx, p.kind, id, OP.MANAGE);
        const list = p.list(obj);
        found(ctx, list, saId);
        p.set(
          obj,
          list.filter((a) => a.id !== saId),
        );
        touched(ctx, obj);
        return id;
      },
    },
  };
}
