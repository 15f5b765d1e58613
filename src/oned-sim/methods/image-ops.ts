// Image operations besides allocate and delete (reference oned-xmlrpc.md §2.7): enable/disable,
// persistent, chtype, clone (the source shows the clone in CLONES while it is copied), the
// snapshot operations and restore of backup images, with oned's state rules and messages.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { DatastoreRec, ImageRec } from '../records.js';
import { deleteRefusal, deleteSnapshot, findSnapshot } from '../snapshots.js';

import { checkNewName, fetchAuthorized, nameProblem } from './common.js';
import { COPY_DELAY, createImage, IMAGE_KIND, IMAGE_STATES, IMAGE_TYPES, IMG } from './image-kind.js';
import { restoreBackup } from './image-restore.js';

const FILE_TYPES = new Set([3, 4, 5]);
const IN_USE = new Set<number>([IMG.USED, IMG.USED_PERS, IMG.CLONE, 9, 10]);

function stateName(img: ImageRec): string {
  return IMAGE_STATES[img.state] ?? String(img.state);
}

function dsAuth(ds: DatastoreRec): {
  id: number;
  uid: number;
  gid: number;
  perms: number;
  clusters: number[];
} {
  return { id: ds.id, uid: ds.uid, gid: ds.gid, perms: ds.perms, clusters: ds.clusters };
}

/** Sets the image state, keeping PREV_STATE. */
function setState(img: ImageRec, state: number): void {
  img.prevState = img.state;
  img.state = state;
}

/** A datastore driver operation on a READY image: LOCKED while it runs, then READY again. */
function driverOp(ctx: CallContext, img: ImageRec, done: () => void): void {
  setState(img, IMG.LOCKED);
  ctx.sim.timeline.defer(`image:${img.id}`, COPY_DELAY / 4, () => {
    done();
    if (img.state === IMG.LOCKED) setState(img, IMG.READY);
  });
}

function enable(ctx: CallContext, id: number, on: boolean): number {
  const img = fetchAuthorized(ctx, IMAGE_KIND, id, OP.MANAGE);
  const from = on ? [IMG.DISABLED, IMG.READY] : [IMG.READY, IMG.ERROR, IMG.DISABLED];
  if (!(from as number[]).includes(img.state))
    throw fail(
      ONED.INTERNAL,
      ctx.method,
      `Could not ${on ? 'enable' : 'disable'} image: Image cannot be in state ${stateName(img)}.`,
      id,
    );
  const next = on ? IMG.READY : IMG.DISABLED;
  if (img.state !== next) setState(img, next);
  return id;
}

function persistent(ctx: CallContext, id: number, on: boolean): number {
  const img = fetchAuthorized(ctx, IMAGE_KIND, id, OP.MANAGE);
  if (on && FILE_TYPES.has(img.type))
    throw fail(ONED.ACTION, ctx.method, 'KERNEL, RAMDISK and CONTEXT must be non-persistent', id);
  if (img.type === 6) throw fail(ONED.ACTION, ctx.method, 'BACKUP images cannot be persistent', id);
  if (IN_USE.has(img.state))
    throw fail(ONED.INTERNAL, ctx.method, `Image cannot be in state ${stateName(img)}.`, id);
  img.persistent = on;
  return id;
}

function chtype(ctx: CallContext, id: number, typeName: string): number {
  const img = fetchAuthorized(ctx, IMAGE_KIND, id, OP.MANAGE);
  const type = IMAGE_TYPES.indexOf(typeName.toUpperCase());
  if (type < 0 || type === 6) throw fail(ONED.ACTION, ctx.method, `Unknown image type ${typeName}`, id);
  const ds = ctx.sim.state.datastores.get(img.datastoreId);
  if (ds?.type === 0 && FILE_TYPES.has(type))
    throw fail(ONED.ACTION, ctx.method, 'IMAGE_DS supports OS, DATABLOCK, CDROM image types', id);
  if (ds?.type === 2 && !FILE_TYPES.has(type))
    throw fail(ONED.ACTION, ctx.method, 'FILE_DS supports KERNEL, RAMDISK, CONTEXT file types', id);
  if (img.persistent && FILE_TYPES.has(type))
    throw fail(ONED.ACTION, ctx.method, 'KERNEL, RAMDISK and CONTEXT must be non-persistent', id);
  img.type = type;
  return id;
}

/** A copy of the image (LOCKED until copied) in `dsId` (-1 = the same datastore). */
export function cloneImage(
  ctx: CallContext,
  img: ImageRec,
  name: string,
  dsId: number,
  opts: { persistent?: boolean } = {},
): ImageRec {
  const state = ctx.sim.state;
  const targetId = dsId < 0 ? img.datastoreId : dsId;
  const ds = getOr(state.datastores.get(targetId), ctx.method, 'datastore', targetId);
  authorize(state, ctx.method, ctx.who, [
    ['IMAGE', null, OP.CREATE],
    ['DATASTORE', dsAuth(ds), OP.USE],
  ]);
  if (ds.type !== 0)
    throw fail(ONED.ACTION, ctx.method, 'Clone only supported for IMAGE_DS Datastores', img.id);
  if (!([IMG.READY, IMG.USED, IMG.USED_PERS, IMG.CLONE] as number[]).includes(img.state))
    throw fail(ONED.ACTION, ctx.method, `Cannot clone image in state ${stateName(img)}.`, img.id);
  const problem = nameProblem(name);
  if (problem) throw fail(ONED.ACTION, ctx.method, problem, img.id);
  checkNewName(ctx, IMAGE_KIND, name, ctx.who.uid);
  if (ds.freeMb < img.size)
    throw fail(ONED.ACTION, ctx.method, `Not enough space in datastore. Requested: ${img.size} MB.`, img.id);
  img.clones = [...(img.clones ?? []), state.images.nextId()];
  if (img.state === IMG.READY) setState(img, IMG.CLONE);
  const copy = createImage(ctx, {
    name,
    uid: ctx.who.uid,
    gid: ctx.who.gid,
    ds,
    type: img.type,
    size: img.size,
    format: img.format,
    persistent: opts.persistent ?? false,
    path: img.path,
    template: img.template.clone(),
    ready: (c) => {
      img.clones = (img.clones ?? []).filter((x) => x !== c.id);
      delete c.cloningId;
      if (img.clones.length === 0 && img.state === IMG.CLONE) setState(img, IMG.READY);
    },
  });
  if (copy.state === IMG.LOCKED) copy.cloningId = img.id;
  return copy;
}

type SnapshotOp = 'delete' | 'revert' | 'flatten';

function snapshotOp(op: SnapshotOp): MethodSpec {
  return {
    params: 'ii',
    handler: (ctx, args) => {
      const [id, snap] = [args.int(0), args.int(1)];
      const img = fetchAuthorized(ctx, IMAGE_KIND, id, OP.MANAGE);
      const set = img.snapshots;
      if (img.state !== IMG.READY)
        throw fail(ONED.ACTION, ctx.method, `Cannot ${op} snapshot in state ${stateName(img)}`, id);
      if (!set || !findSnapshot(set, snap))
        throw fail(ONED.ACTION, ctx.method, 'Snapshot does not exist', id);
      if (op === 'delete') {
        const refusal = deleteRefusal(set, snap);
        if (refusal) throw fail(ONED.ACTION, ctx.method, refusal, id);
      }
      driverOp(ctx, img, () => {
        if (op === 'delete') deleteSnapshot(set, snap);
        else if (op === 'revert') set.active = snap;
        else {
          set.list = [];
          set.active = -1;
        }
      });
      return id;
    },
  };
}

export const imageOpsMethods: Record<string, MethodSpec> = {
  'one.image.enable': { params: 'ib', handler: (ctx, args) => enable(ctx, args.int(0), args.bool(1)) },
  'one.image.persistent': {
    params: 'ib',
    handler: (ctx, args) => persistent(ctx, args.int(0), args.bool(1)),
  },
  'one.image.chtype': { params: 'is', handler: (ctx, args) => chtype(ctx, args.int(0), args.str(1)) },
  'one.image.clone': {
    params: 'is',
    optional: ['i'],
    handler: (ctx, args) => {
      const img = fetchAuthorized(ctx, IMAGE_KIND, args.int(0), OP.USE);
      return cloneImage(ctx, img, args.str(1), args.int(2, -1)).id;
    },
  },
  'one.image.snapshotdelete': snapshotOp('delete'),
  'one.image.snapshotrevert': snapshotOp('revert'),
  'one.image.snapshotflatten': snapshotOp('flatten'),
  'one.image.restore': {
    params: 'iis',
    handler: (ctx, args) => {
      const img = fetchAuthorized(ctx, IMAGE_KIND, args.int(0), OP.USE);
      return restoreBackup(ctx, img, args.int(1), args.str(2));
    },
  },
};
