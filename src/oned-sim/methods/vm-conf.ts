// A VM's capacity and configuration (reference oned-xmlrpc.md §2.4): resize (CPU, VCPU, MEMORY;
// absent or 0 keeps the value; at once when the VM is not running, HOTPLUG_RESIZE when it is,
// with the host's capacity checked when enforced) and updateconf (OS, FEATURES, INPUT, GRAPHICS,
// RAW, CONTEXT, CPU_MODEL, VIDEO, BACKUP_CONFIG: replaced, or merged with type 1).
import { OP } from '../authz.js';
import { fail, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { VmRec } from '../records.js';
import { L, S } from '../vm-codes.js';
import { fetchAuthorized, parseOrFail } from './common.js';
import { isRunning, requester, stateName, VM_KIND } from './vm-kind.js';

/** States where resize and updateconf change the VM at once (VirtualMachineResize). */
const OFFLINE = new Set<number>([
  S.INIT,
  S.PENDING,
  S.HOLD,
  S.POWEROFF,
  S.UNDEPLOYED,
  S.CLONING,
  S.CLONING_FAILURE,
]);
/** The configuration sections one.vm.updateconf may change. */
const CONF = ['OS', 'FEATURES', 'INPUT', 'GRAPHICS', 'RAW', 'CONTEXT', 'CPU_MODEL', 'VIDEO'];

function number(
  ctx: CallContext,
  vm: VmRec,
  name: string,
  text: string | undefined,
  integer: boolean,
): number | null {
  if (text === undefined || Number(text) === 0) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)))
    throw fail(
      ONED.ACTION,
      ctx.method,
      `${name} attribute must be a positive ${integer ? 'integer' : 'float or integer'} value.`,
      vm.id,
    );
  return n;
}

function resize(ctx: CallContext, id: number, text: string, enforce: boolean): number {
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  const running = isRunning(vm);
  if (!running && !OFFLINE.has(vm.state))
    throw fail(ONED.ACTION, ctx.method, `Resize action is not available for state ${stateName(vm)}`, id);
  const t = parseOrFail(ctx.method, text);
  const cpu = number(ctx, vm, 'CPU', t.get('CPU'), false);
  const vcpu = number(ctx, vm, 'VCPU', t.get('VCPU'), true);
  const memory = number(ctx, vm, 'MEMORY', t.get('MEMORY'), true);
  const host = ctx.sim.state.hosts.get(vm.hostId);
  const dCpu = Math.round(((cpu ?? vm.cpu) - vm.cpu) * 100);
  const dMem = ((memory ?? vm.memory) - vm.memory) * 1024;
  // Non-administrators always enforce (reference §2.4).
  if (host && (enforce || !ctx.who.admin)) {
    if (host.cpuUsage + dCpu > host.totalCpu || host.memUsage + dMem > host.totalMem)
      throw fail(
        ONED.ACTION,
        ctx.method,
        `Host ${host.id} does not have enough capacity for the new size`,
        id,
      );
  }
  const apply = (): void => {
    if (cpu !== null) {
      vm.cpu = cpu;
      vm.template.set('CPU', String(cpu));
    }
    if (vcpu !== null) vm.template.set('VCPU', String(vcpu));
    if (memory !== null) {
      vm.memory = memory;
      vm.template.set('MEMORY', String(memory));
    }
    if (host) {
      host.cpuUsage = Math.max(0, host.cpuUsage + dCpu);
      host.memUsage = Math.max(0, host.memUsage + dMem);
    }
  };
  ctx.sim.lifecycle.noteAction(vm, 'resize', requester(ctx));
  if (running) ctx.sim.lifecycle.busy(vm, L.HOTPLUG_RESIZE, apply);
  else {
    apply();
    ctx.sim.state.touchVm(vm);
  }
  return id;
}

function updateConf(ctx: CallContext, id: number, text: string, type: number): number {
  if (type !== 0 && type !== 1) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong update type');
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  if (!isRunning(vm) && !OFFLINE.has(vm.state))
    throw fail(ONED.ACTION, ctx.method, `Configuration cannot be updated in state ${stateName(vm)}`, id);
  const t = parseOrFail(ctx.method, text);
  for (const name of CONF) {
    const given = t.vector(name);
    const old = vm.template.vector(name);
    if (!given) {
      // Replacing drops the sections that are not given, as oned does; merging keeps them.
      if (type === 0 && old && name !== 'OS' && name !== 'CONTEXT') vm.template.remove(name);
      continue;
    }
    const next = type === 1 && old ? new Map([...old, ...given]) : new Map(given);
    // What oned generates stays: the OS UUID and the GRAPHICS port.
    if (name === 'OS' && old?.has('UUID') && !next.has('UUID')) next.set('UUID', old.get('UUID') as string);
    if (name === 'GRAPHICS' && !next.has('PORT')) next.set('PORT', old?.get('PORT') ?? String(5900 + vm.id));
    vm.template.setVector(name, next);
  }
  const backup = t.vector('BACKUP_CONFIG');
  if (backup) vm.backupConfig = new Map([...(type === 1 ? (vm.backupConfig ?? []) : []), ...backup]);
  ctx.sim.lifecycle.noteAction(vm, 'updateconf', requester(ctx));
  ctx.sim.state.touchVm(vm);
  return id;
}

export const vmConfMethods: Record<string, MethodSpec> = {
  'one.vm.resize': {
    params: 'is',
    optional: ['b'],
    handler: (ctx, args) => resize(ctx, args.int(0), args.str(1), args.bool(2, false)),
  },
  'one.vm.updateconf': {
    params: 'is',
    optional: ['i'],
    handler: (ctx, args) => updateConf(ctx, args.int(0), args.str(1), args.int(2, 0)),
  },
};
