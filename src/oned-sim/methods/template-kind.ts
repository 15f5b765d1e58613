// The VM template kind and how a template is stored, shared by allocate, clone and image restore.
import type { CallContext } from '../call.js';
import type { VmTemplateRec } from '../records.js';
import type { Template } from '../template.js';
import { vmTemplateXml } from '../xml/vmtemplate.js';
import { newOwned, ownedKind } from './common.js';

export const TEMPLATE_KIND = ownedKind<VmTemplateRec>({
  authType: 'TEMPLATE',
  objectName: 'virtual machine template',
  pool: (s) => s.templates,
  xml: (ctx, t) => vmTemplateXml(ctx.sim.state, t),
  template: (t) => t.template,
  unique: 'owner',
});

/** Stores a template owned by the caller (name already checked). */
export function insertTemplate(ctx: CallContext, name: string, template: Template): VmTemplateRec {
  const state = ctx.sim.state;
  return state.templates.insert({
    ...newOwned(ctx, state.templates.nextId(), name),
    regtime: ctx.sim.now(),
    template,
  });
}
