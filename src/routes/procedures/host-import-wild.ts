// host `import_wild` (name) (reference §4.6; issue #4): turn a wild VM of the host (one it runs that
// OpenNebula did not create, host-wilds.ts) into an OpenNebula VM. Exactly one importable wild must
// bear the name (else Sunstone's 500s); vCenter wilds need vCenter's driver and are refused before
// oned is called. Its IMPORT_TEMPLATE is allocated (one.vm.allocate(template, false): oned keeps
// the VM on HOLD as imported), then deployed on this host (one.vm.deploy(id, host, false, -1, ""):
// oned marks it RUNNING there at once). 201 `{"VM":{"ID":"<id>"}}`, the stub other creating actions
// answer.
import { sunstoneCodeOf } from '../../errors.js';
import { BadParameterError } from '../errors.js';
import { prettyJson } from '../json-reply.js';
import { WildAmbiguousError, WildNotFoundError, WildVcenterError } from './errors.js';
import { wildsNamed } from './host-wilds.js';
import type { ActionProcedure } from './types.js';

export const hostImportWild: ActionProcedure = async (ctx) => {
  const name = String(ctx.params.get('name') ?? '');
  if (name.trim() === '')
    throw new BadParameterError(
      `Parameter "name" of action ${ctx.spec.name} is empty; send the wild VM's VM_NAME ` +
        `(as GET /host/${ctx.id} lists it under TEMPLATE.VM) in action.params`,
    );
  const found = wildsNamed(ctx.object, name);
  const wild = found[0];
  if (wild === undefined) throw new WildNotFoundError(name);
  if (found.length > 1) throw new WildAmbiguousError(name);
  if (wild.vcenter) throw new WildVcenterError(name, ctx.id);

  const vmId = Number(await ctx.oneClient.call(ctx.session, 'one.vm.allocate', [wild.template, false]));
  try {
    await ctx.oneClient.call(ctx.session, 'one.vm.deploy', [vmId, ctx.id, false, -1, '']);
  } catch (err) {
    // Sunstone answers with the new VM whatever the deploy said: the VM exists (on HOLD, visible,
    // deployable with the vm deploy action). Only our errors (oned's refusal, transport) are
    // swallowed; anything else is a bug and must surface.
    if (sunstoneCodeOf(err) === undefined) throw err;
  }
  return { status: 201, body: prettyJson({ VM: { ID: String(vmId) } }) };
};
