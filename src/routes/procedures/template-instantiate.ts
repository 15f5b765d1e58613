// vmtemplate `instantiate` (reference §4.6): the extra template from `template`, without NIC and
// NIC_ALIAS when the template forbids network selection, and `X = []` for each of NIC, NIC_ALIAS,
// SCHED_ACTION, SCHED_REQUIREMENTS, SCHED_DS_REQUIREMENTS sent empty (so the user can clear them),
// then one.template.instantiate(id, name, hold, extra, persistent) -> 201 with the new VM id.
import type { JsonValue } from '../../one/template-text.js';
import { templateParam } from '../action-args.js';
import { networkSelectDisabled } from './network-select.js';
import type { ActionProcedure } from './types.js';

const CLEARABLE = ['NIC', 'NIC_ALIAS', 'SCHED_ACTION', 'SCHED_REQUIREMENTS', 'SCHED_DS_REQUIREMENTS'];

function isEmptyValue(v: JsonValue | undefined): boolean {
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

export const templateInstantiate: ActionProcedure = async (ctx) => {
  const params = new Map(ctx.params);
  let extra = '';
  const given = params.get('template') as Record<string, JsonValue> | undefined;
  if (given !== undefined) {
    const template = { ...given };
    if (networkSelectDisabled(ctx.object, ctx.kind.element)) {
      delete template.NIC;
      delete template.NIC_ALIAS;
    }
    params.set('template', template);
    extra = templateParam(ctx.spec, 'template', params);
    for (const key of CLEARABLE) if (key in template && isEmptyValue(template[key])) extra += `\n${key} = []`;
  }
  const vmId = await ctx.oneClient.call(ctx.session, 'one.template.instantiate', [
    ctx.id,
    params.get('vm_name') ?? '',
    params.get('hold') ?? false,
    extra,
    params.get('persistent') ?? false,
  ]);
  return { status: 201, body: JSON.stringify(vmId) };
};
