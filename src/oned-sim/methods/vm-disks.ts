// A VM's disks (reference oned-xmlrpc.md §2.4): attach and detach (RUNNING: HOTPLUG; POWEROFF:
// HOTPLUG_PROLOG/EPILOG_POWEROFF), diskresize (RUNNING, POWEROFF, UNDEPLOYED: DISK_RESIZE*; only
// bigger) and disksaveas (a new image from the disk, LOCKED until the copy ends), with oned's
// refusals.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { VmRec } from '../records.js';
import { expandDisk } from '../vm-devices.js';
import { L, S } from '../vm-codes.js';
import { checkNewName, fetchAuthorized, nameProblem, parseOrFail } from './common.js';
import { createImage, IMAGE_KIND, IMAGE_TYPES, IMG } from './image-kind.js';
import { findDisk, isRunning, removeVector, requester, VM_KIND, wrongState } from './vm-kind.js';

function releaseImage(ctx: CallContext, vm: VmRec, imageId: number): void {
  vm.imageIds = vm.imageIds.filter((i) => i !== imageId);
  const img = ctx.sim.state.images.get(imageId);
  if (!img) return;
  img.vms.delete(vm.id);
  if (img.vms.size === 0 && (img.state === IMG.USED || img.state === IMG.USED_PERS)) img.state = IMG.READY;
}

function noSuchDisk(ctx: CallContext, vm: VmRec, diskId: number): Error {
  return fail(ONED.ACTION, ctx.method, `VM disk with DISK_ID ${diskId} does not exist.`, vm.id);
}

function attach(ctx: CallContext, id: number, text: string): number {
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  const lcm = isRunning(vm) ? L.HOTPLUG : vm.state === S.POWEROFF ? L.HOTPLUG_PROLOG_POWEROFF : -1;
  if (lcm < 0) throw wrongState(ctx, vm, `Could not attach a new disk to VM ${id}`);
  const disk = parseOrFail(ctx.method, text).vector('DISK');
  if (!disk) throw fail(ONED.ACTION, ctx.method, 'No DISK attribute in the template.', id);
  const disks = vm.template.vectors('DISK');
  const taken = new Set(disks.map((d) => d.get('TARGET') ?? ''));
  const diskId = disks.reduce((m, d) => Math.max(m, Number(d.get('DISK_ID') ?? -1) + 1), 0);
  const made = expandDisk(
    { ...ctx, deviceError: (detail) => fail(ONED.ACTION, ctx.method, detail, id) },
    disk,
    vm.uid,
    diskId,
    taken,
  );
  const img = made.image;
  if (img) {
    img.vms.add(vm.id);
    img.state = img.persistent ? IMG.USED_PERS : IMG.USED;
    vm.imageIds = [...vm.imageIds, img.id];
  }
  ctx.sim.lifecycle.noteAction(vm, 'disk-attach', requester(ctx));
  ctx.sim.lifecycle.busy(vm, lcm, () => vm.template.add({ name: 'DISK', vector: made.vector }));
  return id;
}

function detach(ctx: CallContext, id: number, diskId: number): number {
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  const lcm = isRunning(vm) ? L.HOTPLUG : vm.state === S.POWEROFF ? L.HOTPLUG_EPILOG_POWEROFF : -1;
  if (lcm < 0) throw wrongState(ctx, vm, `Could not detach disk from VM ${id}`);
  const disk = findDisk(vm, diskId);
  if (!disk) throw noSuchDisk(ctx, vm, diskId);
  ctx.sim.lifecycle.noteAction(vm, 'disk-detach', requester(ctx));
  ctx.sim.lifecycle.busy(vm, lcm, () => {
    removeVector(vm, 'DISK', disk);
    vm.diskSnapshots?.delete(diskId);
    const imageId = disk.get('IMAGE_ID');
    if (imageId !== undefined) releaseImage(ctx, vm, Number(imageId));
  });
  return id;
}

function resize(ctx: CallContext, id: number, diskId: number, sizeText: string): number {
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  const lcm = isRunning(vm)
    ? L.DISK_RESIZE
    : vm.state === S.POWEROFF
      ? L.DISK_RESIZE_POWEROFF
      : vm.state === S.UNDEPLOYED
        ? L.DISK_RESIZE_UNDEPLOYED
        : -1;
  if (lcm < 0) throw wrongState(ctx, vm, `Could not resize disk of VM ${id}`);
  const disk = findDisk(vm, diskId);
  if (!disk) throw noSuchDisk(ctx, vm, diskId);
  if (!/^\d+$/.test(sizeText.trim()))
    throw fail(ONED.ACTION, ctx.method, `Wrong size for disk: ${sizeText}`, id);
  const size = Number(sizeText);
  if (size <= Number(disk.get('SIZE') ?? 0))
    throw fail(ONED.ACTION, ctx.method, 'New disk size has to be greater than current one', id);
  if ((vm.diskSnapshots?.get(diskId)?.list.length ?? 0) > 0)
    throw fail(ONED.ACTION, ctx.method, 'Cannot resize a disk with snapshots', id);
  ctx.sim.lifecycle.noteAction(vm, 'disk-resize', requester(ctx));
  ctx.sim.lifecycle.busy(vm, lcm, () => disk.set('SIZE', String(size)));
  return id;
}

const SAVEAS_LCM: ReadonlyMap<number, number> = new Map([
  [S.POWEROFF, L.HOTPLUG_SAVEAS_POWEROFF],
  [S.SUSPENDED, L.HOTPLUG_SAVEAS_SUSPENDED],
  [S.UNDEPLOYED, L.HOTPLUG_SAVEAS_UNDEPLOYED],
  [S.STOPPED, L.HOTPLUG_SAVEAS_STOPPED],
]);

function saveAs(
  ctx: CallContext,
  id: number,
  diskId: number,
  name: string,
  typeName: string,
  snap: number,
): number {
  const state = ctx.sim.state;
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  const lcm = isRunning(vm) ? L.HOTPLUG_SAVEAS : SAVEAS_LCM.get(vm.state);
  if (lcm === undefined)
    throw fail(
      ONED.ACTION,
      ctx.method,
      'VM has to be RUNNING, POWEROFF, SUSPENDED, UNDEPLOYED or STOPPED to save disks.',
      id,
    );
  const disk = findDisk(vm, diskId);
  if (!disk) throw noSuchDisk(ctx, vm, diskId);
  const srcId = disk.get('IMAGE_ID');
  const src = srcId === undefined ? undefined : state.images.get(Number(srcId));
  if (!src) throw fail(ONED.ACTION, ctx.method, 'Cannot save_as a volatile disk', id);
  if (snap >= 0 && !vm.diskSnapshots?.get(diskId)?.list.some((x) => x.id === snap))
    throw fail(ONED.ACTION, ctx.method, `Snapshot ${snap} does not exist`, id);
  const ds = getOr(state.datastores.get(src.datastoreId), ctx.method, 'datastore', src.datastoreId);
  authorize(
    state,
    ctx.method,
    ctx.who,
    [
      ['IMAGE', null, OP.CREATE],
      ['DATASTORE', { id: ds.id, uid: ds.uid, gid: ds.gid, perms: ds.perms, clusters: ds.clusters }, OP.USE],
    ],
    id,
  );
  const problem = nameProblem(name);
  if (problem) throw fail(ONED.ACTION, ctx.method, problem, id);
  checkNewName(ctx, IMAGE_KIND, name, ctx.who.uid);
  const type = typeName === '' ? src.type : IMAGE_TYPES.indexOf(typeName.toUpperCase());
  if (type < 0 || type === 6) throw fail(ONED.ACTION, ctx.method, `Unknown image type ${typeName}`, id);
  const img = createImage(ctx, {
    name,
    uid: ctx.who.uid,
    gid: ctx.who.gid,
    ds,
    type,
    size: Number(disk.get('SIZE') ?? src.size),
    format: src.format,
    persistent: false,
    path: '',
    template: src.template.clone(),
  });
  ctx.sim.lifecycle.noteAction(vm, 'disk-saveas', requester(ctx));
  ctx.sim.lifecycle.busy(vm, lcm, () => undefined);
  return img.id;
}

export const vmDiskMethods: Record<string, MethodSpec> = {
  'one.vm.attach': { params: 'is', handler: (ctx, args) => attach(ctx, args.int(0), args.str(1)) },
  'one.vm.detach': { params: 'ii', handler: (ctx, args) => detach(ctx, args.int(0), args.int(1)) },
  'one.vm.diskresize': {
    params: 'iis',
    handler: (ctx, args) => resize(ctx, args.int(0), args.int(1), args.str(2)),
  },
  'one.vm.disksaveas': {
    params: 'iis',
    optional: ['s', 'i'],
    handler: (ctx, args) =>
      saveAs(ctx, args.int(0), args.int(1), args.str(2), args.str(3, ''), args.int(4, -1)),
  },
};
