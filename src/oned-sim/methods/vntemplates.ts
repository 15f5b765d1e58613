// Virtual network templates (reference oned-xmlrpc.md §2.10 "other families"): allocate (NAME,
// VN_MAD), instantiate into a new network (USE on the template, NET CREATE; CLUSTER_IDS picks the
// cluster, default 0) and the generic info, update, rename, chown, chmod, lock, unlock, delete
// and pool.
import { authorize, OP } from '../authz.js';
import { fail, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { VnTemplateRec } from '../records.js';
import { vnTemplateXml } from '../xml/vntemplate.js';
import {
  allocError,
  allocTemplate,
  checkNewName,
  fetchAuthorized,
  nameProblem,
  newOwned,
  ownedKind,
  parseOrFail,
} from './common.js';
import { ownedOps, type KindModule } from './generic.js';
import { createVnet, VNET_KIND } from './vnet-kind.js';

export const VNTEMPLATE_KIND = ownedKind<VnTemplateRec>({
  authType: 'VNTEMPLATE',
  objectName: 'virtual network template',
  pool: (s) => s.vntemplates,
  xml: (ctx, t) => vnTemplateXml(ctx.sim.state, t),
  template: (t) => t.template,
  unique: 'owner',
});

export const vnTemplateMethods: Record<string, MethodSpec> = {
  'one.vntemplate.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const { t, name } = allocTemplate(ctx, VNTEMPLATE_KIND, args.str(0));
      if ((t.get('VN_MAD') ?? '') === '')
        throw allocError(ctx, VNTEMPLATE_KIND.objectName, 'VN_MAD attribute is required.');
      const id = state.vntemplates.nextId();
      state.vntemplates.insert({
        ...newOwned(ctx, id, name),
        regtime: ctx.sim.now(),
        template: t,
      });
      return id;
    },
  },
  'one.vntemplate.instantiate': {
    params: 'is',
    optional: ['s'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const id = args.int(0);
      const tmpl = fetchAuthorized(ctx, VNTEMPLATE_KIND, id, OP.USE);
      authorize(state, ctx.method, ctx.who, [['NET', null, OP.CREATE]], id);
      const t = tmpl.template.clone();
      const extra = args.str(2, '');
      if (extra.trim() !== '') t.merge(parseOrFail(ctx.method, extra));
      const name = args.str(1) === '' ? `${tmpl.name}-${state.vnets.nextId()}` : args.str(1);
      const problem = nameProblem(name);
      if (problem) throw fail(ONED.ACTION, ctx.method, problem, id);
      checkNewName(ctx, VNET_KIND, name, ctx.who.uid);
      const cid = Number((t.get('CLUSTER_IDS') ?? '0').split(',')[0]);
      if (!Number.isInteger(cid) || !state.clusters.get(cid))
        throw fail(ONED.ACTION, ctx.method, `Cluster ${t.get('CLUSTER_IDS') ?? ''} does not exist`, id);
      t.remove('CLUSTER_IDS');
      t.set('TEMPLATE_ID', String(id));
      return createVnet(ctx, t, name, cid).id;
    },
  },
};

export const vnTemplateModule: KindModule = {
  rpc: 'vntemplate',
  ops: ownedOps(VNTEMPLATE_KIND),
  methods: vnTemplateMethods,
};
