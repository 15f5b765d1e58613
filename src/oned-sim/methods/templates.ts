// VM templates (reference oned-xmlrpc.md §2.5): allocate, info, instantiate (also persistent),
// clone, delete and chmod (both recursive over the images), and the generic update, rename, chown,
// lock, unlock and pool.
import { authorize, OP } from '../authz.js';
import type { MethodSpec } from '../call.js';
import { createVm } from '../vm-factory.js';
import { allocTemplate, fetchAuthorized, infoSpec, parseOrFail } from './common.js';
import { ownedOps, type KindModule } from './generic.js';
import { chmodSpec } from './ownership.js';
import { chmodTemplateImages, cloneTemplate, deleteTemplate } from './template-clone.js';
import { insertTemplate, TEMPLATE_KIND } from './template-kind.js';

export { TEMPLATE_KIND } from './template-kind.js';

export const templateMethods: Record<string, MethodSpec> = {
  'one.template.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const { t, name } = allocTemplate(ctx, TEMPLATE_KIND, args.str(0));
      return insertTemplate(ctx, name, t).id;
    },
  },
  'one.template.info': { ...infoSpec(TEMPLATE_KIND), optional: ['b', 'b'] },
  'one.template.chmod': chmodSpec(TEMPLATE_KIND, chmodTemplateImages),
  'one.template.delete': {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => deleteTemplate(ctx, args.int(0), args.bool(1, false)),
  },
  'one.template.clone': {
    params: 'is',
    optional: ['b'],
    handler: (ctx, args) => {
      const src = fetchAuthorized(ctx, TEMPLATE_KIND, args.int(0), OP.USE);
      return cloneTemplate(ctx, src, args.str(1), { recursive: args.bool(2, false) }).id;
    },
  },
  'one.template.instantiate': {
    params: 'is',
    // hold and extra_template are read together (send both or neither), then persistent.
    optional: ['bs', 'b'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const id = args.int(0);
      let tmpl = fetchAuthorized(ctx, TEMPLATE_KIND, id, OP.USE);
      authorize(state, ctx.method, ctx.who, [['VM', null, OP.CREATE]], id);
      const vmId = state.vms.nextId();
      const given = args.str(1);
      const vmName = given === '' ? `${tmpl.name}-${vmId}` : given;
      // persistent: a private copy of the template with persistent copies of its images.
      if (args.bool(4, false)) tmpl = cloneTemplate(ctx, tmpl, vmName, { recursive: true, persistent: true });
      const source = tmpl.template.clone();
      const extra = args.str(3, '');
      if (extra.trim() !== '') source.merge(parseOrFail(ctx.method, extra));
      const vm = createVm(ctx, source, {
        uid: ctx.who.uid,
        gid: ctx.who.gid,
        name: vmName,
        templateId: tmpl.id,
        hold: args.bool(2, false),
      });
      return vm.id;
    },
  },
};

export const templateModule: KindModule = {
  rpc: 'template',
  ops: ownedOps(TEMPLATE_KIND),
  methods: templateMethods,
};
