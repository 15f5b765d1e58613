// host create (reference §4.5): one.host.allocate(name, im_mad, vm_mad, cluster_id), then the whole
// hash appended to the host template (update type 1), as Sunstone does; its bug of not dropping
// name/im_mad/vm_mad/cluster_id from that hash is kept, so hosts look the same as Ruby made them.
// The template text is built before oned is called, so a bad value is a 400 and creates nothing.
import type { JsonValue } from '../../one/template-text.js';
import { createTemplate, rootObject, typedValue } from '../create-body.js';
import type { CreateProcedure } from './types.js';

export const hostCreate: CreateProcedure = async (ctx) => {
  const host = rootObject(ctx.kind, ctx.value);
  const where = '"host"';
  const name = typedValue(where, host, 'name', 'string');
  const im = typedValue(where, host, 'im_mad', 'string');
  const vmm = typedValue(where, host, 'vm_mad', 'string');
  const cluster = typedValue(where, host, 'cluster_id', 'integer', -1);
  // The browser sends cluster_id as a string; a number would not be template text.
  const hash: Record<string, JsonValue> = { ...(host as Record<string, JsonValue>) };
  if (typeof hash.cluster_id === 'number') hash.cluster_id = String(hash.cluster_id);
  const template = createTemplate(ctx.kind, { root: 'host', method: '', args: [] }, hash);

  const id = await ctx.oneClient.call(ctx.session, 'one.host.allocate', [name, im, vmm, cluster]);
  await ctx.oneClient.call(ctx.session, 'one.host.update', [id, template, 1]);
  return Number(id);
};
