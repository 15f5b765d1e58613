// Images (reference oned-xmlrpc.md §2.7, §4.4): allocate (LOCKED until the datastore driver has
// copied it, then READY), info, update, rename, chown, chmod and the filtered pool.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { hashInts } from '../prng.js';
import type { ImageRec } from '../records.js';
import { imageXml } from '../xml/image.js';
import { newObjectPerms, ownedKind, parseOrFail, uniquePerOwner } from './common.js';
import { ownedOps, type KindModule } from './generic.js';

export const IMAGE_TYPES = ['OS', 'CDROM', 'DATABLOCK', 'KERNEL', 'RAMDISK', 'CONTEXT'];
const READY = 1;
const LOCKED = 4;
/** Base delay (ms at speed 1) of the datastore driver's copy. */
export const COPY_DELAY = 4000;

export const IMAGE_KIND = ownedKind<ImageRec>({
  authType: 'IMAGE',
  objectName: 'image',
  pool: (s) => s.images,
  xml: (ctx, img) => imageXml(ctx.sim.state, img),
  template: (img) => img.template,
  unique: 'owner',
});

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
      const name = t.get('NAME') ?? '';
      const err = (detail: string): Error =>
        fail(ONED.ALLOCATE, ctx.method, `Error allocating a new image. ${detail}`);
      if (name.trim() === '') throw err('No NAME in template.');
      if (ds.type === 1) throw err('Cannot allocate an image in a system datastore.');
      uniquePerOwner(ctx, IMAGE_KIND, ctx.who.uid, name);
      if (state.images.full()) throw err('The image pool is full.');
      const path = t.get('PATH') ?? '';
      const typeName = (t.get('TYPE') ?? (path === '' && t.has('SIZE') ? 'DATABLOCK' : 'OS')).toUpperCase();
      const type = IMAGE_TYPES.indexOf(typeName);
      if (type < 0) throw err(`Unknown type ${typeName}.`);
      const id = state.images.nextId();
      const sizeText = t.get('SIZE');
      const size =
        sizeText !== undefined && /^\d+$/.test(sizeText)
          ? Number(sizeText)
          : 256 + (hashInts(ctx.sim.seed, id) % 4096);
      if (ds.freeMb < size && !args.bool(2, false))
        throw err(`Not enough space in datastore. Requested: ${size} MB.`);
      const format = t.get('FORMAT') ?? (path.endsWith('.qcow2') ? 'qcow2' : 'raw');
      const persistent = (t.get('PERSISTENT') ?? 'NO').toUpperCase() === 'YES';
      for (const n of ['NAME', 'PATH', 'SOURCE', 'TYPE', 'PERSISTENT', 'SIZE', 'FORMAT']) t.remove(n);
      const img: ImageRec = {
        id,
        uid: ctx.who.uid,
        gid: ctx.who.gid,
        name,
        perms: newObjectPerms(),
        lock: null,
        type,
        diskType: 0,
        persistent,
        regtime: ctx.sim.now(),
        source: `${ds.basePath}/${ctx.sim.rng.hex(16)}`,
        path,
        format,
        fs: '',
        size,
        state: LOCKED,
        prevState: LOCKED,
        datastoreId: ds.id,
        vms: new Set(),
        template: t,
      };
      state.images.insert(img);
      ds.freeMb = Math.max(0, ds.freeMb - size);
      ds.usedMb += size;
      ctx.sim.timeline.defer(`image:${id}`, COPY_DELAY, () => {
        if (img.state === LOCKED) {
          img.prevState = LOCKED;
          img.state = READY;
        }
      });
      return id;
    },
  },
};

export const imageModule: KindModule = { rpc: 'image', ops: ownedOps(IMAGE_KIND), methods: imageMethods };
