// Zones (reference oned-xmlrpc.md §2.9, §4.11): allocate (NAME and ENDPOINT; ids from 100),
// update, rename, enable/disable, delete (never the system zones) and the raft status of this
// single, non-HA server (raftstatus.xsd: SERVER_ID -1, STATE 3 = leader of a solo zone).
import { authorize, OP } from '../authz.js';
import { XmlDoc, type MethodSpec } from '../call.js';
import type { ZoneRec } from '../records.js';
import { zoneXml } from '../xml/zone.js';
import { systemAuth } from './auth-objects.js';
import { allocError, allocName, fetchAuthorized, parseOrFail, type SimKind } from './common.js';
import { systemOps, type KindModule } from './generic.js';

export const ZONE_KIND: SimKind<ZoneRec> = {
  authType: 'ZONE',
  objectName: 'zone',
  pool: (s) => s.zones,
  xml: (_ctx, z) => zoneXml(z),
  auth: (z) => systemAuth(z.id),
  template: (z) => z.template,
  adminOps: true,
  unique: 'global',
  deleteRefusal: (_ctx, z) => (z.id < 100 ? 'System Zones (ID < 100) cannot be deleted.' : null),
};

export const zoneMethods: Record<string, MethodSpec> = {
  'one.zone.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      authorize(state, ctx.method, ctx.who, [['ZONE', null, OP.CREATE]]);
      const t = parseOrFail(ctx.method, args.str(0));
      const name = allocName(ctx, ZONE_KIND, t, 0);
      if ((t.get('ENDPOINT') ?? '') === '') throw allocError(ctx, 'zone', 'No ENDPOINT in template.');
      const id = state.zones.nextId();
      state.zones.insert({ id, name, state: 0, template: t });
      return id;
    },
  },
  'one.zone.enable': {
    params: 'ib',
    handler: (ctx, args) => {
      const id = args.int(0);
      const z = fetchAuthorized(ctx, ZONE_KIND, id, OP.ADMIN);
      z.state = args.bool(1) ? 0 : 1;
      return id;
    },
  },
  'one.zone.raftstatus': {
    params: '',
    handler: () =>
      XmlDoc.of(
        '<RAFT><SERVER_ID>-1</SERVER_ID><STATE>3</STATE><TERM>0</TERM><VOTEDFOR>-1</VOTEDFOR>' +
          '<COMMIT>0</COMMIT><LOG_INDEX>0</LOG_INDEX><LOG_TERM>0</LOG_TERM><FEDLOG_INDEX>-1</FEDLOG_INDEX></RAFT>',
      ),
  },
};

export const zoneModule: KindModule = { rpc: 'zone', ops: systemOps(ZONE_KIND), methods: zoneMethods };
