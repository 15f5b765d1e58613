// Snapshots of a VM (reference oned-xmlrpc.md §2.4): system snapshots (RUNNING only,
// HOTPLUG_SNAPSHOT; kept as TEMPLATE/SNAPSHOT with the active one marked) and disk snapshots
// (create and delete when RUNNING, POWEROFF or SUSPENDED; revert when POWEROFF or SUSPENDED;
// rename at any time), shown in the VM's SNAPSHOTS blocks, with oned's refusals.
import { OP } from '../authz.js';
import { fail, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { VmRec } from '../records.js';
import {
  createSnapshot,
  deleteRefusal,
  deleteSnapshot,
  emptySnapshots,
  findSnapshot,
  MAX_SNAPSHOTS,
  type SnapshotSet,
} from '../snapshots.js';
import type { Vector } from '../template.js';
import { L, S } from '../vm-codes.js';
import { fetchAuthorized } from './common.js';
import { findDisk, isRunning, removeVector, requester, VM_KIND, wrongState } from './vm-kind.js';

function systemSnapshot(vm: VmRec, snapId: number): Vector | undefined {
  return vm.template.vectors('SNAPSHOT').find((s) => s.get('SNAPSHOT_ID') === String(snapId));
}

function runningVm(ctx: CallContext, id: number, refusal: (vm: VmRec) => string): VmRec {
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  if (!isRunning(vm)) throw wrongState(ctx, vm, refusal(vm));
  return vm;
}

function snapshotCreate(ctx: CallContext, id: number, name: string): number {
  const vm = runningVm(ctx, id, () => `Could not create a new snapshot for VM ${id}`);
  const all = vm.template.vectors('SNAPSHOT');
  if (all.length >= MAX_SNAPSHOTS) throw fail(ONED.ACTION, ctx.method, 'Too many snapshots', id);
  const snapId = all.reduce((m, s) => Math.max(m, Number(s.get('SNAPSHOT_ID') ?? -1) + 1), 0);
  ctx.sim.lifecycle.noteAction(vm, 'snapshot-create', requester(ctx));
  ctx.sim.lifecycle.busy(vm, L.HOTPLUG_SNAPSHOT, () => {
    for (const s of vm.template.vectors('SNAPSHOT')) s.delete('ACTIVE');
    vm.template.add({
      name: 'SNAPSHOT',
      vector: new Map([
        ['ACTIVE', 'YES'],
        ['HYPERVISOR_ID', `snap-${snapId}`],
        ['NAME', name === '' ? `snapshot-${snapId}` : name],
        ['SNAPSHOT_ID', String(snapId)],
        ['SYSTEM_DISK_SIZE', '0'],
        ['TIME', String(ctx.sim.now())],
      ]),
    });
  });
  return snapId;
}

function snapshotChange(op: 'revert' | 'delete'): MethodSpec {
  return {
    params: 'ii',
    handler: (ctx, args) => {
      const [id, snapId] = [args.int(0), args.int(1)];
      const vm = runningVm(ctx, id, () =>
        op === 'revert'
          ? `Could not revert VM ${id} to snapshot ${snapId}`
          : `Could not delete snapshot ${snapId} for VM ${id}`,
      );
      const snap = systemSnapshot(vm, snapId);
      if (!snap)
        throw fail(
          ONED.ACTION,
          ctx.method,
          op === 'revert'
            ? `Could not revert to snapshot ${snapId}, it does not exist.`
            : `Could not delete snapshot ${snapId}, it does not exist.`,
          id,
        );
      ctx.sim.lifecycle.noteAction(vm, `snapshot-${op}`, requester(ctx));
      ctx.sim.lifecycle.busy(vm, L.HOTPLUG_SNAPSHOT, () => {
        if (op === 'delete') return removeVector(vm, 'SNAPSHOT', snap);
        for (const s of vm.template.vectors('SNAPSHOT')) s.delete('ACTIVE');
        snap.set('ACTIVE', 'YES');
      });
      return id;
    },
  };
}

const CREATE_LCM: ReadonlyMap<number, number> = new Map([
  [S.POWEROFF, L.DISK_SNAPSHOT_POWEROFF],
  [S.SUSPENDED, L.DISK_SNAPSHOT_SUSPENDED],
]);
const REVERT_LCM: ReadonlyMap<number, number> = new Map([
  [S.POWEROFF, L.DISK_SNAPSHOT_REVERT_POWEROFF],
  [S.SUSPENDED, L.DISK_SNAPSHOT_REVERT_SUSPENDED],
]);
const DELETE_LCM: ReadonlyMap<number, number> = new Map([
  [S.POWEROFF, L.DISK_SNAPSHOT_DELETE_POWEROFF],
  [S.SUSPENDED, L.DISK_SNAPSHOT_DELETE_SUSPENDED],
]);

/** The disk (it must exist and be an image disk) and its snapshot set. */
function diskOf(ctx: CallContext, vm: VmRec, diskId: number): SnapshotSet {
  const disk = findDisk(vm, diskId);
  if (!disk) throw fail(ONED.ACTION, ctx.method, `VM disk with DISK_ID ${diskId} does not exist.`, vm.id);
  if (!disk.has('IMAGE_ID'))
    throw fail(ONED.ACTION, ctx.method, 'Cannot make snapshots on volatile disks', vm.id);
  vm.diskSnapshots ??= new Map();
  let set = vm.diskSnapshots.get(diskId);
  if (!set) {
    set = emptySnapshots(true);
    vm.diskSnapshots.set(diskId, set);
  }
  return set;
}

export const vmSnapshotMethods: Record<string, MethodSpec> = {
  'one.vm.snapshotcreate': {
    params: 'is',
    handler: (ctx, args) => snapshotCreate(ctx, args.int(0), args.str(1)),
  },
  'one.vm.snapshotrevert': snapshotChange('revert'),
  'one.vm.snapshotdelete': snapshotChange('delete'),
  'one.vm.disksnapshotcreate': {
    params: 'iis',
    handler: (ctx, args) => {
      const [id, diskId, name] = [args.int(0), args.int(1), args.str(2)];
      const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
      const lcm = isRunning(vm) ? L.DISK_SNAPSHOT : CREATE_LCM.get(vm.state);
      if (lcm === undefined) throw wrongState(ctx, vm, `Could not create a new disk snapshot for ${id}`);
      const set = diskOf(ctx, vm, diskId);
      if (set.list.length >= MAX_SNAPSHOTS) throw fail(ONED.ACTION, ctx.method, 'Too many snapshots', id);
      const size = Number(findDisk(vm, diskId)?.get('SIZE') ?? 0);
      const snapId = set.next;
      ctx.sim.lifecycle.noteAction(vm, 'disk-snapshot-create', requester(ctx));
      ctx.sim.lifecycle.busy(vm, lcm, () => {
        createSnapshot(set, name, ctx.sim.now(), size);
      });
      return snapId;
    },
  },
  'one.vm.disksnapshotrevert': {
    params: 'iii',
    handler: (ctx, args) => {
      const [id, diskId, snapId] = [args.int(0), args.int(1), args.int(2)];
      const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
      const lcm = REVERT_LCM.get(vm.state);
      if (lcm === undefined) throw wrongState(ctx, vm, `Could not revert to disk snapshot for ${id}`);
      const set = diskOf(ctx, vm, diskId);
      if (!findSnapshot(set, snapId)) throw fail(ONED.ACTION, ctx.method, 'Snapshot does not exist', id);
      ctx.sim.lifecycle.noteAction(vm, 'disk-snapshot-revert', requester(ctx));
      ctx.sim.lifecycle.busy(vm, lcm, () => {
        set.active = snapId;
      });
      return id;
    },
  },
  'one.vm.disksnapshotdelete': {
    params: 'iii',
    handler: (ctx, args) => {
      const [id, diskId, snapId] = [args.int(0), args.int(1), args.int(2)];
      const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
      const lcm = isRunning(vm) ? L.DISK_SNAPSHOT_DELETE : DELETE_LCM.get(vm.state);
      if (lcm === undefined) throw wrongState(ctx, vm, `Could not delete disk snapshot from VM ${id}`);
      const set = diskOf(ctx, vm, diskId);
      const refusal = deleteRefusal(set, snapId);
      if (refusal) throw fail(ONED.ACTION, ctx.method, refusal, id);
      ctx.sim.lifecycle.noteAction(vm, 'disk-snapshot-delete', requester(ctx));
      ctx.sim.lifecycle.busy(vm, lcm, () => deleteSnapshot(set, snapId));
      return id;
    },
  },
  'one.vm.disksnapshotrename': {
    params: 'iiis',
    handler: (ctx, args) => {
      const [id, diskId, snapId, name] = [args.int(0), args.int(1), args.int(2), args.str(3)];
      const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
      const snap = findSnapshot(diskOf(ctx, vm, diskId), snapId);
      if (!snap) throw fail(ONED.ACTION, ctx.method, 'Snapshot does not exist', id);
      if (name.trim() === '') throw fail(ONED.ACTION, ctx.method, 'Snapshot name cannot be empty', id);
      snap.name = name;
      ctx.sim.lifecycle.noteAction(vm, 'disk-snapshot-rename', requester(ctx));
      ctx.sim.state.touchVm(vm);
      return id;
    },
  },
};
