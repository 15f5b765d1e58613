// vrouter `instantiate` (reference §4.6): n_vms VMs from template_id, the extra template without NIC
// when the router forbids network selection, then one.vrouter.instantiate(id, n_vms, template_id,
// name, hold, extra). The OCA discards oned's answer, so Sunstone says 204.
import type { JsonValue } from '../../one/template-text.js';
import { templateParam } from '../action-args.js';
import { networkSelectDisabled } from './network-select.js';
import type { ActionProcedure } from './types.js';

export const vrouterInstantiate: ActionProcedure = async (ctx) => {
  const params = new Map(ctx.params);
  const given = params.get('template') as Record<string, JsonValue> | undefined;
  if (given !== undefined && networkSelectDisabled(ctx.object, ctx.kind.element)) {
    const template = { ...given };
    delete template.NIC;
    params.set('template', template);
  }
  await ctx.oneClient.call(ctx.session, 'one.vrouter.instantiate', [
    ctx.id,
    params.get('n_vms') ?? 1,
    params.get('template_id') ?? -1,
    params.get('vm_name') ?? '',
    params.get('hold') ?? false,
    templateParam(ctx.spec, 'template', params),
  ]);
  return { status: 204 };
};
