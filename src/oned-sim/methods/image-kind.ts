// The image kind and the image life cycle shared by every method that makes or drops images
// (allocate, clone, disk save-as, backups, restores): LOCKED while the datastore driver copies,
// then READY; the datastore's free space follows (reference oned-xmlrpc.md §2.7, §4.4).
import type { CallContext } from '../call.js';
import type { DatastoreRec, ImageRec } from '../records.js';
import type { Template } from '../template.js';
import { imageXml } from '../xml/image.js';
import { newObjectPerms, ownedKind } from './common.js';

export const IMAGE_TYPES = ['OS', 'CDROM', 'DATABLOCK', 'KERNEL', 'RAMDISK', 'CONTEXT', 'BACKUP'];
export const IMAGE_STATES = [
  'INIT',
  'READY',
  'USED',
  'DISABLED',
  'LOCKED',
  'ERROR',
  'CLONE',
  'DELETE',
  'USED_PERS',
  'LOCKED_USED',
  'LOCKED_USED_PERS',
];
export const IMG = {
  READY: 1,
  USED: 2,
  DISABLED: 3,
  LOCKED: 4,
  ERROR: 5,
  CLONE: 6,
  DELETE: 7,
  USED_PERS: 8,
} as const;
/** Base delay (ms at speed 1) of the datastore driver's copy. */
export const COPY_DELAY = 4000;

export const IMAGE_KIND = ownedKind<ImageRec>({
  authType: 'IMAGE',
  objectName: 'image',
  pool: (s) => s.images,
  xml: (ctx, img) => imageXml(ctx.sim.state, img),
  template: (img) => img.template,
  unique: 'owner',
  // Quota usage counts images per owner and datastore.
  touched: (ctx) => ctx.sim.state.vmVersion++,
});

export interface NewImage {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly ds: DatastoreRec;
  readonly type: number;
  readonly size: number;
  readonly format: string;
  readonly persistent: boolean;
  readonly path: string;
  readonly template: Template;
  /** Runs when the copy is done and the image is READY. */
  readonly ready?: (img: ImageRec) => void;
}

/** A new image, LOCKED until its datastore's driver has copied it (COPY_DELAY), then READY. */
export function createImage(ctx: CallContext, n: NewImage): ImageRec {
  const state = ctx.sim.state;
  const id = state.images.nextId();
  const img: ImageRec = {
    id,
    uid: n.uid,
    gid: n.gid,
    name: n.name,
    perms: newObjectPerms(),
    lock: null,
    type: n.type,
    diskType: 0,
    persistent: n.persistent,
    regtime: ctx.sim.now(),
    source: `${n.ds.basePath}/${ctx.sim.rng.hex(16)}`,
    path: n.path,
    format: n.format,
    fs: '',
    size: n.size,
    state: IMG.LOCKED,
    prevState: IMG.LOCKED,
    datastoreId: n.ds.id,
    vms: new Set(),
    template: n.template,
  };
  state.images.insert(img);
  n.ds.freeMb = Math.max(0, n.ds.freeMb - n.size);
  n.ds.usedMb += n.size;
  state.vmVersion++;
  ctx.sim.timeline.defer(`image:${id}`, COPY_DELAY, () => {
    if (img.state === IMG.LOCKED) {
      img.prevState = IMG.LOCKED;
      img.state = IMG.READY;
    }
    n.ready?.(img);
  });
  return img;
}

/** The image leaves its pool and gives its space back to the datastore. */
export function dropImage(ctx: CallContext, img: ImageRec): void {
  const state = ctx.sim.state;
  const ds = state.datastores.get(img.datastoreId);
  if (ds) {
    ds.freeMb = Math.min(ds.totalMb, ds.freeMb + img.size);
    ds.usedMb = Math.max(0, ds.usedMb - img.size);
  }
  ctx.sim.timeline.cancel(`image:${img.id}`);
  state.images.remove(img.id);
  state.vmVersion++;
}

/** Why oned refuses to delete the image now (ImageManager::delete_image), or null. */
export function imageDeleteRefusal(img: ImageRec): string | null {
  if (img.vms.size > 0) return `There are ${img.vms.size} VMs using it.`;
  if ((img.clones?.length ?? 0) > 0)
    return `There are ${img.clones?.length ?? 0} clone operations in progress.`;
  return null;
}
