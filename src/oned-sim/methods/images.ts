// Images (reference oned-xmlrpc.md §2.7, §4.4): allocate (LOCKED until the datastore driver has
// copied it, then READY), delete (not while VMs use it; DELETE until the driver has removed it)
// and the generic info, update, rename, chown, chmod, lock, unlock and pool. enable, persistent,
// chtype, clone, snapshots and restore are in image-ops.ts.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { hashInts } from '../prng.js';
import { allocError, allocName, fetchAuthorized, parseOrFail } from './common.js';
import { ownedOps, type KindModule } from './generic.js';
import {
  COPY_DELAY,
  createImage,
  dropImage,
  IMAGE_KIND,
  IMAGE_TYPES,
  IMG,
  imageDeleteRefusal,
} from './image-kind.js';
import { applyFromApp } from './image-from-app.js';
import { imageOpsMethods } from './image-ops.js';

const FILE_TYPES = new Set([3, 4, 5]);

export const imageMethods: Record<string, MethodSpec> = {
  'one.image.allocate': {
    params: 'si',
    optional: ['b'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const dsId = args.int(1);
      const ds = getOr(state.datastores.get(dsId), ctx.method, 'datastore', dsId);
      authorize(state, ctx.method, ctx.who, [
        ['IMAGE', null, OP.CREATE],
        [
          'DATASTORE',
          { id: ds.id, uid: ds.uid, gid: ds.gid, perms: ds.perms, clusters: ds.clusters },
          OP.USE,
        ],
      ]);
      const t = parseOrFail(ctx.method, args.str(0));
      applyFromApp(ctx, t);
      const err = (detail: string): Error => allocError(ctx, 'image', detail);
      if (ds.type === 1) throw err('Cannot allocate an image in a system datastore.');
      if (ds.type === 3) throw err('Cannot allocate an image in a backup datastore.');
      const name = allocName(ctx, IMAGE_KIND, t, ctx.who.uid);
      const path = t.get('PATH') ?? '';
      const typeName = (t.get('TYPE') ?? (path === '' && t.has('SIZE') ? 'DATABLOCK' : 'OS')).toUpperCase();
      const type = IMAGE_TYPES.indexOf(typeName);
      if (type < 0 || type === 6) throw err(`Unknown type ${typeName}.`);
      if (FILE_TYPES.has(type) !== (ds.type === 2))
        throw err(
          ds.type === 2
            ? 'Only KERNEL, RAMDISK and CONTEXT files can be registered in a FILE_DS datastore.'
            : 'KERNEL, RAMDISK and CONTEXT files must be registered in a FILE_DS datastore.',
        );
      const sizeText = t.get('SIZE');
      if (path === '' && !t.has('SOURCE') && (type !== 2 || sizeText === undefined))
        throw err(
          type === 2 ? 'A DATABLOCK type IMAGE has to have either a PATH, or a SIZE' : 'No PATH in template.',
        );
      const size =
        sizeText !== undefined && /^\d+$/.test(sizeText)
          ? Number(sizeText)
          : 256 + (hashInts(ctx.sim.seed, state.images.nextId()) % 4096);
      if (ds.freeMb < size && !args.bool(2, false))
        throw err(`Not enough space in datastore. Requested: ${size} MB.`);
      const format = t.get('FORMAT') ?? (path.endsWith('.qcow2') ? 'qcow2' : 'raw');
      const persistent = (t.get('PERSISTENT') ?? 'NO').toUpperCase() === 'YES';
      for (const n of ['PATH', 'SOURCE', 'TYPE', 'PERSISTENT', 'SIZE', 'FORMAT']) t.remove(n);
      const img = createImage(ctx, {
        name,
        uid: ctx.who.uid,
        gid: ctx.who.gid,
        ds,
        type,
        size,
        format,
        persistent,
        path,
        template: t,
      });
      return img.id;
    },
  },
  'one.image.delete': {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => {
      const id = args.int(0);
      const img = fetchAuthorized(ctx, IMAGE_KIND, id, OP.MANAGE);
      const refusal = imageDeleteRefusal(img);
      if (refusal) throw allocFailDelete(ctx, refusal, id);
      img.prevState = img.state;
      img.state = IMG.DELETE;
      ctx.sim.timeline.defer(`image:${id}`, COPY_DELAY / 4, () => dropImage(ctx, img));
      return id;
    },
  },
  ...imageOpsMethods,
};

function allocFailDelete(ctx: CallContext, refusal: string, id: number): Error {
  return fail(ONED.ACTION, ctx.method, `Cannot delete image. ${refusal}`, id);
}

export const imageModule: KindModule = { rpc: 'image', ops: ownedOps(IMAGE_KIND), methods: imageMethods };
