// VM groups (reference oned-xmlrpc.md §2.10 "other families"; vm_group.xsd): allocate (NAME and
// at least one ROLE, each with a unique NAME and a POLICY of AFFINED, ANTI_AFFINED or NONE), delete
// (not while VMs are in it) and the generic info, update, rename, chown, chmod, lock, unlock and
// pool. A role's VMS are the VMs whose TEMPLATE/VMGROUP names the group and the role.
import type { CallContext, MethodSpec } from '../call.js';
import type { VmGroupRec, VmGroupRole } from '../records.js';
import { S } from '../vm-codes.js';
import { vmGroupXml } from '../xml/vmgroup.js';
import { allocError, allocTemplate, newOwned, ownedKind } from './common.js';
import { ownedOps, type KindModule } from './generic.js';

const POLICIES = new Set(['AFFINED', 'ANTI_AFFINED', 'NONE']);

/** Role name -> ids of the VMs (not DONE) placed in it. */
export function roleVms(ctx: CallContext, g: VmGroupRec): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const vm of ctx.sim.state.vms.list()) {
    if (vm.state === S.DONE) continue;
    for (const ref of vm.template.vectors('VMGROUP')) {
      if (ref.get('VMGROUP_ID') !== String(g.id)) continue;
      const role = ref.get('ROLE') ?? '';
      out.set(role, [...(out.get(role) ?? []), vm.id]);
    }
  }
  return out;
}

export const VMGROUP_KIND = ownedKind<VmGroupRec>({
  authType: 'VMGROUP',
  objectName: 'vm group',
  pool: (s) => s.vmgroups,
  xml: (ctx, g) => vmGroupXml(ctx.sim.state, g, roleVms(ctx, g)),
  template: (g) => g.template,
  unique: 'owner',
  deleteRefusal: (ctx, g) => (roleVms(ctx, g).size > 0 ? `VM group ${g.id} has VMs in its roles.` : null),
});

function roles(ctx: CallContext, list: ReadonlyArray<ReadonlyMap<string, string>>): VmGroupRole[] {
  const err = (detail: string): Error => allocError(ctx, VMGROUP_KIND.objectName, detail);
  if (list.length === 0) throw err('A VM group needs at least one ROLE.');
  const seen = new Set<string>();
  return list.map((r, id) => {
    const name = r.get('NAME') ?? '';
    if (name === '') throw err('Missing NAME in VM group ROLE.');
    if (seen.has(name)) throw err(`Role ${name} is defined more than once.`);
    seen.add(name);
    const policy = (r.get('POLICY') ?? 'NONE').toUpperCase();
    if (!POLICIES.has(policy)) throw err(`Invalid POLICY ${r.get('POLICY') ?? ''} for role ${name}.`);
    return {
      id,
      name,
      policy,
      hostAffined: r.get('HOST_AFFINED') ?? '',
      hostAntiAffined: r.get('HOST_ANTI_AFFINED') ?? '',
    };
  });
}

export const vmGroupMethods: Record<string, MethodSpec> = {
  'one.vmgroup.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const { t, name } = allocTemplate(ctx, VMGROUP_KIND, args.str(0));
      const list = roles(ctx, t.vectors('ROLE'));
      t.remove('ROLE');
      const id = state.vmgroups.nextId();
      state.vmgroups.insert({
        ...newOwned(ctx, id, name),
        roles: list,
        template: t,
      });
      return id;
    },
  },
};

export const vmGroupModule: KindModule = {
  rpc: 'vmgroup',
  ops: ownedOps(VMGROUP_KIND),
  methods: vmGroupMethods,
};
