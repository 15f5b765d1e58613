// VM templates (reference oned-xmlrpc.md §2.5): allocate, info, update, instantiate, rename,
// chown, chmod, delete and the filtered pool.
import { authorize, OP } from '../authz.js';
import { fail, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { VmTemplateRec } from '../records.js';
import { createVm } from '../vm-factory.js';
import { vmTemplateXml } from '../xml/vmtemplate.js';
import {
  fetchAuthorized,
  infoSpec,
  newObjectPerms,
  ownedKind,
  parseOrFail,
  uniquePerOwner,
} from './common.js';
import { ownedOps, type KindModule } from './generic.js';
import { chmodSpec } from './ownership.js';

export const TEMPLATE_KIND = ownedKind<VmTemplateRec>({
  authType: 'TEMPLATE',
  objectName: 'virtual machine template',
  pool: (s) => s.templates,
  xml: (ctx, t) => vmTemplateXml(ctx.sim.state, t),
  template: (t) => t.template,
  unique: 'owner',
});

export const templateMethods: Record<string, MethodSpec> = {
  'one.template.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      authorize(state, ctx.method, ctx.who, [['TEMPLATE', null, OP.CREATE]]);
      const t = parseOrFail(ctx.method, args.str(0));
      const name = t.get('NAME') ?? '';
      if (name.trim() === '')
        throw fail(
          ONED.ALLOCATE,
          ctx.method,
          'Error allocating a new virtual machine template. No NAME in template.',
        );
      uniquePerOwner(ctx, TEMPLATE_KIND, ctx.who.uid, name);
      if (state.templates.full())
        throw fail(
          ONED.ALLOCATE,
          ctx.method,
          'Error allocating a new virtual machine template. The pool is full.',
        );
      t.remove('NAME');
      const id = state.templates.nextId();
      state.templates.insert({
        id,
        uid: ctx.who.uid,
        gid: ctx.who.gid,
        name,
        perms: newObjectPerms(),
        lock: null,
        regtime: ctx.sim.now(),
        template: t,
      });
      return id;
    },
  },
  'one.template.info': { ...infoSpec(TEMPLATE_KIND), optional: ['b', 'b'] },
  'one.template.chmod': chmodSpec(TEMPLATE_KIND, () => undefined),
  'one.template.delete': {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => {
      const id = args.int(0);
      fetchAuthorized(ctx, TEMPLATE_KIND, id, OP.MANAGE);
      ctx.sim.state.templates.remove(id);
      return id;
    },
  },
  'one.template.instantiate': {
    params: 'is',
    // hold and extra_template are read together (send both or neither), then persistent.
    optional: ['bs', 'b'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const id = args.int(0);
      const tmpl = fetchAuthorized(ctx, TEMPLATE_KIND, id, OP.USE);
      authorize(state, ctx.method, ctx.who, [['VM', null, OP.CREATE]], id);
      const source = tmpl.template.clone();
      const extra = args.str(3, '');
      if (extra.trim() !== '') source.merge(parseOrFail(ctx.method, extra));
      const vmId = state.vms.nextId();
      const given = args.str(1);
      const vm = createVm(ctx, source, {
        uid: ctx.who.uid,
        gid: ctx.who.gid,
        name: given === '' ? `${tmpl.name}-${vmId}` : given,
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
