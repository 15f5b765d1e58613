// Groups (reference oned-xmlrpc.md §2.3, §4.8): owned by oneadmin with GROUP_U set and gid =
// itself, so members can read their groups.
import { authorize, OP } from '../authz.js';
import { fail, getOr, XmlDoc, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { Template } from '../template.js';
import { vmUsage } from '../usage.js';
import { groupPoolXml, groupXml } from '../xml/group.js';
import { groupAuth } from './auth-objects.js';
import type { SimKind } from './common.js';
import { systemOps, type KindModule } from './generic.js';
import type { GroupRec } from '../records.js';

export const GROUP_KIND: SimKind<GroupRec> = {
  authType: 'GROUP',
  objectName: 'group',
  pool: (s) => s.groups,
  xml: (ctx, g) => groupXml(ctx.sim.state, g, vmUsage(ctx.sim.state).groups.get(g.id)),
  auth: (g) => groupAuth(g.id),
  template: (g) => g.template,
  deleteAdmin: true,
  unique: 'global',
};

export const groupMethods: Record<string, MethodSpec> = {
  'one.group.info': {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const id = args.int(0) === -1 ? ctx.who.gid : args.int(0);
      const g = getOr(state.groups.get(id), ctx.method, 'group', id);
      authorize(state, ctx.method, ctx.who, [['GROUP', groupAuth(g.id), OP.USE]], id);
      return XmlDoc.of(groupXml(state, g, vmUsage(state).groups.get(g.id)));
    },
  },

  'one.grouppool.info': {
    params: '',
    handler: (ctx) => {
      const state = ctx.sim.state;
      const list = state.groups
        .list()
        .filter((g) => ctx.who.admin || ctx.who.groups.has(g.id))
        .slice();
      if (ctx.sim.settings.desc) list.reverse();
      return XmlDoc.of(groupPoolXml(state, list, vmUsage(state).groups));
    },
  },

  'one.group.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const name = args.str(0);
      authorize(state, ctx.method, ctx.who, [['GROUP', null, OP.CREATE]]);
      if (name.trim() === '') throw fail(ONED.INTERNAL, ctx.method, 'Invalid NAME, it cannot be empty.');
      const taken = state.groups.find((g) => g.name === name);
      if (taken) throw fail(ONED.INTERNAL, ctx.method, `NAME is already taken by GROUP ${taken.id}.`);
      if (state.groups.full())
        throw fail(ONED.ALLOCATE, ctx.method, 'Error allocating a new group. The group pool is full.');
      const id = state.groups.nextId();
      state.groups.insert({ id, name, template: new Template(), admins: [] });
      return id;
    },
  },
};

export const groupModule: KindModule = { rpc: 'group', ops: systemOps(GROUP_KIND), methods: groupMethods };
