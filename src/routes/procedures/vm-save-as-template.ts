// vm `save_as_template` (name, description, persistent) (reference §4.6): what OpenNebula 6.10 gives
// an administrator for it (6.10 has no oned method for it; the OCA does it with several calls):
// the VM must be POWEROFF; each image disk that is not a CDROM is saved as a new image
// "<name>-disk-<DISK_ID>" (one.vm.disksaveas; made persistent when asked), CDROMs keep their image,
// volatile disks keep their TYPE/SIZE/FORMAT/FS; NICs keep their network; the rest is the VM's
// capacity, OS, GRAPHICS, CONTEXT ... and its user attributes; then one.template.allocate.
// Answers 201 with the new template id. A failing step deletes the images made so far and answers
// oned's message.
import type { JsonValue } from '../../one/template-text.js';
import { jsonToTemplate } from '../../one/template-text.js';
import type { OneJsonValue } from '../../one/types.js';
import { vmStateName } from '../../one/vm-states.js';
import { asList, isObject, textAt } from '../one-json.js';
import { SaveAsTemplateStateError } from './errors.js';
import type { ActionProcedure, ActionProcedureContext } from './types.js';

type Attrs = Record<string, JsonValue>;

const POWEROFF = '8';
/** Attributes oned generates for the VM (or handled apart below): not part of a template. */
const DROP_SYSTEM = new Set([
  'VMID',
  'TEMPLATE_ID',
  'AUTOMATIC_REQUIREMENTS',
  'AUTOMATIC_DS_REQUIREMENTS',
  'AUTOMATIC_NIC_REQUIREMENTS',
  'SECURITY_GROUP_RULE',
  'SNAPSHOT',
  'DISK',
  'NIC',
  'NIC_ALIAS',
  'ERROR',
  'NUMA_NODE',
]);
const DROP_USER = new Set(['ERROR', 'SCHED_MESSAGE', 'SCHED_ACTION', 'DESCRIPTION']);
const DISK_KEEP = ['DEV_PREFIX', 'CACHE', 'DISCARD', 'IO', 'DRIVER', 'TARGET'];
const VOLATILE_KEEP = ['TYPE', 'SIZE', 'FORMAT', 'FS', ...DISK_KEEP];
const NIC_KEEP = ['NAME', 'NETWORK_ID', 'NETWORK_MODE', 'MODEL', 'FILTER', 'VIRTIO_QUEUES'];
const ALIAS_KEEP = ['NAME', 'NETWORK_ID', 'PARENT'];

function pick(v: OneJsonValue, keys: readonly string[]): Attrs {
  const out: Attrs = {};
  if (!isObject(v)) return out;
  for (const k of keys) {
    const x = v[k];
    if (typeof x === 'string' && x !== '') out[k] = x;
  }
  return out;
}

function without(v: OneJsonValue | undefined, drop: ReadonlySet<string>): Attrs {
  const out: Attrs = {};
  if (!isObject(v)) return out;
  for (const [k, x] of Object.entries(v)) if (!drop.has(k)) out[k] = x as JsonValue;
  return out;
}

async function saveDisks(
  ctx: ActionProcedureContext,
  disks: OneJsonValue[],
  name: string,
  made: number[],
): Promise<Attrs[]> {
  const out: Attrs[] = [];
  for (const disk of disks) {
    const imageId = textAt(disk, 'IMAGE_ID');
    const diskId = textAt(disk, 'DISK_ID') ?? '';
    if (imageId === undefined) {
      out.push(pick(disk, VOLATILE_KEEP));
    } else if (textAt(disk, 'TYPE') === 'CDROM') {
      out.push({ IMAGE_ID: imageId, ...pick(disk, DISK_KEEP) });
    } else {
      const id = Number(
        await ctx.oneClient.call(ctx.session, 'one.vm.disksaveas', [
          ctx.id,
          Number(diskId),
          `${name}-disk-${diskId}`,
          '',
          -1,
        ]),
      );
      made.push(id);
      if (ctx.params.get('persistent') === true)
        await ctx.oneClient.call(ctx.session, 'one.image.persistent', [id, true]);
      out.push({ IMAGE_ID: String(id), ...pick(disk, DISK_KEEP) });
    }
  }
  return out;
}

export const vmSaveAsTemplate: ActionProcedure = async (ctx) => {
  const vm = ctx.object.VM;
  const state = textAt(vm, 'STATE') ?? '';
  if (state !== POWEROFF)
    throw new SaveAsTemplateStateError(
      ctx.id,
      vmStateName(Number(state), Number(textAt(vm, 'LCM_STATE') ?? '0')),
    );
  const name = String(ctx.params.get('name') ?? '');
  const description = String(ctx.params.get('description') ?? '');
  const system = isObject(vm) ? vm.TEMPLATE : undefined;
  const attrs: Attrs = {
    ...without(isObject(vm) ? vm.USER_TEMPLATE : undefined, DROP_USER),
    ...without(system, DROP_SYSTEM),
  };
  // The VNC port and the context disk id are the VM's own; a new VM gets its own.
  if (isObject(system) && isObject(system.GRAPHICS))
    attrs.GRAPHICS = without(system.GRAPHICS, new Set(['PORT']));
  if (isObject(system) && isObject(system.CONTEXT))
    attrs.CONTEXT = without(system.CONTEXT, new Set(['DISK_ID']));
  attrs.NAME = name;
  if (description !== '') attrs.DESCRIPTION = description;
  const nics = asList(isObject(system) ? system.NIC : undefined).map((n) => pick(n, NIC_KEEP));
  const aliases = asList(isObject(system) ? system.NIC_ALIAS : undefined).map((n) => pick(n, ALIAS_KEEP));
  if (nics.length > 0) attrs.NIC = nics;
  if (aliases.length > 0) attrs.NIC_ALIAS = aliases;

  const made: number[] = [];
  try {
    const disks = await saveDisks(ctx, asList(isObject(system) ? system.DISK : undefined), name, made);
    if (disks.length > 0) attrs.DISK = disks;
    const templateId = await ctx.oneClient.call(ctx.session, 'one.template.allocate', [
      jsonToTemplate(attrs),
    ]);
    return { status: 201, body: JSON.stringify(templateId) };
  } catch (err) {
    for (const id of made) {
      // Best effort: the answer is the first failure; a leftover image is visible and deletable.
      await ctx.oneClient.call(ctx.session, 'one.image.delete', [id, false]).catch(() => undefined);
    }
    throw err;
  }
};
