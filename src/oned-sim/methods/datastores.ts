// Datastores (reference oned-xmlrpc.md §2.9, §4.9): allocate into a cluster (ids from 100; TYPE
// IMAGE_DS, SYSTEM_DS, FILE_DS or BACKUP_DS; DS_MAD and TM_MAD as each type needs them), the
// generic update/rename/chown/chmod (ADMIN for update and rename, as for all infrastructure),
// enable/disable of system datastores and delete (only empty ones).
import { OP } from '../authz.js';
import { fail, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { DatastoreRec } from '../records.js';
import { datastoreXml } from '../xml/datastore.js';
import { allocError, allocInCluster, fetchAuthorized, newOwned, ownedKind } from './common.js';
import { ownedOps, type KindModule } from './generic.js';

export const DS_TYPES = ['IMAGE_DS', 'SYSTEM_DS', 'FILE_DS', 'BACKUP_DS'];
const SYSTEM_DS = 1;
/** Capacity a new datastore's monitor reports (MB). */
const NEW_DS_MB = 1_048_576;

export const DATASTORE_KIND = ownedKind<DatastoreRec>({
  authType: 'DATASTORE',
  objectName: 'datastore',
  pool: (s) => s.datastores,
  xml: (ctx, ds) => datastoreXml(ctx.sim.state, ds),
  clusters: (ds) => ds.clusters,
  template: (ds) => ds.template,
  adminOps: true,
  unique: 'global',
  deleteRefusal: (ctx, ds) =>
    ctx.sim.state.images.find((i) => i.datastoreId === ds.id) ? `Datastore ${ds.id} is not empty.` : null,
});

export const datastoreMethods: Record<string, MethodSpec> = {
  'one.datastore.allocate': {
    params: 'si',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const { t, name, cid } = allocInCluster(ctx, DATASTORE_KIND, args.str(0), args.int(1), 0);
      const typeName = (t.get('TYPE') ?? 'IMAGE_DS').toUpperCase();
      const type = DS_TYPES.indexOf(typeName);
      if (type < 0) throw allocError(ctx, 'datastore', `Unknown datastore TYPE ${typeName}.`);
      const dsMad = t.get('DS_MAD') ?? '';
      const tmMad = t.get('TM_MAD') ?? '';
      if (type !== SYSTEM_DS && dsMad === '') throw allocError(ctx, 'datastore', 'No DS_MAD in template.');
      if (type !== 3 && tmMad === '') throw allocError(ctx, 'datastore', 'No TM_MAD in template.');
      t.set('TYPE', typeName);
      if (!t.has('DISK_TYPE') && type !== 3) t.set('DISK_TYPE', 'FILE');
      const id = state.datastores.nextId();
      state.datastores.insert({
        ...newOwned(ctx, id, name),
        dsMad: type === SYSTEM_DS ? '-' : dsMad,
        tmMad: tmMad === '' ? '-' : tmMad,
        basePath: `/var/lib/one//datastores/${id}`,
        type,
        diskType: 0,
        state: 0,
        clusters: [cid],
        totalMb: NEW_DS_MB,
        freeMb: NEW_DS_MB,
        usedMb: 0,
        template: t,
      });
      return id;
    },
  },
  'one.datastore.enable': {
    params: 'ib',
    handler: (ctx, args) => {
      const id = args.int(0);
      const ds = fetchAuthorized(ctx, DATASTORE_KIND, id, OP.MANAGE);
      if (ds.type !== SYSTEM_DS)
        throw fail(ONED.INTERNAL, ctx.method, 'Only SYSTEM_DS can be disabled or enabled', id);
      ds.state = args.bool(1) ? 0 : 1;
      return id;
    },
  },
};

export const datastoreModule: KindModule = {
  rpc: 'datastore',
  ops: ownedOps(DATASTORE_KIND),
  methods: datastoreMethods,
};
