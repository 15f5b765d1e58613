// Groups (reference oned-xmlrpc.md §2.3, §4.8): owned by oneadmin with GROUP_U set and gid =
// itself, so members can read their groups. New groups join VDC 0 `default`; system groups
// (id < 100) and groups with users cannot be deleted; a deleted group leaves its VDCs and the ACL
// rules written for it go. Administrators are in group-admins.ts.
import { ACL_ID, authorize, OP } from '../authz.js';
import { fail, getOr, XmlDoc, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { Template } from '../template.js';
import { quotaUsage } from '../usage.js';
import { groupPoolXml, groupXml } from '../xml/group.js';
import { groupAuth } from './auth-objects.js';
import { nameProblem, type SimKind } from './common.js';
import { systemOps, type KindModule } from './generic.js';
import { groupAdminMethods } from './group-admins.js';
import { quotaSpec } from './quota.js';
import type { GroupRec } from '../records.js';

export const GROUP_KIND: SimKind<GroupRec> = {
  authType: 'GROUP',
  objectName: 'group',
  pool: (s) => s.groups,
  xml: (ctx, g) => groupXml(ctx.sim.state, g, quotaUsage(ctx.sim.state).groups.get(g.id)),
  auth: (g) => groupAuth(g.id),
  template: (g) => g.template,
  deleteAdmin: true,
  unique: 'global',
  deleteRefusal: (ctx, g) =>
    g.id < 100
      ? 'System Groups (ID < 100) cannot be deleted.'
      : ctx.sim.state.users.find((u) => u.groups.includes(g.id))
        ? `Group ${g.id} is not empty.`
        : null,
  onDelete: (ctx, g) => {
    const state = ctx.sim.state;
    for (const v of state.vdcs.list()) v.groups = v.groups.filter((x) => x !== g.id);
    const at = ACL_ID.GROUP | BigInt(g.id);
    const mask = ACL_ID.GROUP | 0xffffffffn;
    for (const r of state.acls.list().slice())
      if (r.user === at || (r.resource & mask) === at) state.acls.remove(r.id);
  },
};

const baseMethods: Record<string, MethodSpec> = {
  'one.group.info': {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const id = args.int(0) === -1 ? ctx.who.gid : args.int(0);
      const g = getOr(state.groups.get(id), ctx.method, 'group', id);
      authorize(state, ctx.method, ctx.who, [['GROUP', groupAuth(g.id), OP.USE]], id);
      return XmlDoc.of(groupXml(state, g, quotaUsage(state).groups.get(g.id)));
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
      return XmlDoc.of(groupPoolXml(state, list, quotaUsage(state).groups));
    },
  },

  'one.group.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const name = args.str(0);
      authorize(state, ctx.method, ctx.who, [['GROUP', null, OP.CREATE]]);
      const problem = nameProblem(name);
      if (problem) throw fail(ONED.INTERNAL, ctx.method, `${problem}.`);
      const taken = state.groups.find((g) => g.name === name);
      if (taken) throw fail(ONED.INTERNAL, ctx.method, `NAME is already taken by GROUP ${taken.id}.`);
      if (state.groups.full())
        throw fail(ONED.ALLOCATE, ctx.method, 'Error allocating a new group. The group pool is full.');
      const id = state.groups.nextId();
      state.groups.insert({ id, name, template: new Template(), admins: [] });
      const vdc0 = state.vdcs.get(0);
      if (vdc0 && !vdc0.groups.includes(id)) vdc0.groups = [...vdc0.groups, id];
      return id;
    },
  },
};

export const groupMethods: Record<string, MethodSpec> = {
  ...baseMethods,
  'one.group.quota': quotaSpec(GROUP_KIND, 'group'),
  ...groupAdminMethods,
};

export const groupModule: KindModule = { rpc: 'group', ops: systemOps(GROUP_KIND), methods: groupMethods };
