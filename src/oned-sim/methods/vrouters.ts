// Virtual routers (reference oned-xmlrpc.md §2.10 "other families"; vrouter.xsd): allocate (NAME,
// NICs on networks the caller may use), instantiate (n VMs from a VM template, each with the
// router's NICs and VROUTER_ID; "%i" in the name is the VM's index), attachnic/detachnic (the
// router and its VMs), delete (its VMs go too) and the generic info, update, rename, chown, chmod,
// lock, unlock and pool.
import { releaseLease } from '../address.js';
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { VrouterRec } from '../records.js';
import type { Template, Vector } from '../template.js';
import { expandNic, nicNetwork } from '../vm-devices.js';
import { createVm } from '../vm-factory.js';
import { S } from '../vm-codes.js';
import { vrouterXml } from '../xml/vrouter.js';
import { allocTemplate, fetchAuthorized, newOwned, ownedKind, parseOrFail } from './common.js';
import { ownedOps, type KindModule } from './generic.js';
import { TEMPLATE_KIND } from './template-kind.js';
import { removeVector } from './vm-kind.js';

const MAX_ROUTER_VMS = 16;

export const VROUTER_KIND = ownedKind<VrouterRec>({
  authType: 'VROUTER',
  objectName: 'virtual router',
  pool: (s) => s.vrouters,
  xml: (ctx, r) => vrouterXml(ctx.sim.state, r),
  template: (r) => r.template,
  unique: 'owner',
  onDelete: (ctx, r) => {
    for (const id of r.vms) {
      const vm = ctx.sim.state.vms.get(id);
      if (vm) ctx.sim.lifecycle.forceDone(vm);
    }
  },
});

/** The router's NICs: NETWORK(_ID) checked for USE, NIC_ID numbered. */
function routerNics(ctx: CallContext, t: Template, uid: number, from = 0): void {
  const nics = t.vectors('NIC');
  t.remove('NIC');
  nics.forEach((nic, i) => {
    const vnet = nicNetwork({ ...ctx, deviceError: (d) => fail(ONED.ACTION, ctx.method, d) }, nic, uid);
    const n = new Map(nic);
    n.set('NETWORK', vnet.name);
    n.set('NETWORK_ID', String(vnet.id));
    n.set('NIC_ID', String(from + i));
    t.add({ name: 'NIC', vector: n });
  });
}

function instantiate(
  ctx: CallContext,
  id: number,
  count: number,
  templateId: number,
  name: string,
  hold: boolean,
  extra: string,
): number {
  const state = ctx.sim.state;
  const router = fetchAuthorized(ctx, VROUTER_KIND, id, OP.MANAGE);
  const tmpl = getOr(state.templates.get(templateId), ctx.method, TEMPLATE_KIND.objectName, templateId);
  authorize(
    state,
    ctx.method,
    ctx.who,
    [
      ['TEMPLATE', TEMPLATE_KIND.auth(tmpl), OP.USE],
      ['VM', null, OP.CREATE],
    ],
    id,
  );
  if (count <= 0 || router.vms.length + count > MAX_ROUTER_VMS)
    throw fail(ONED.ACTION, ctx.method, `The number of VMs must be between 1 and ${MAX_ROUTER_VMS}`, id);
  const pattern = name === '' ? `vr-${router.name}-%i` : name.includes('%i') ? name : `${name}-%i`;
  for (let i = 0; i < count; i++) {
    const source = tmpl.template.clone();
    if (extra.trim() !== '') source.merge(parseOrFail(ctx.method, extra));
    source.remove('NIC');
    for (const nic of router.template.vectors('NIC')) {
      const n = new Map(nic);
      n.delete('NIC_ID');
      source.add({ name: 'NIC', vector: n });
    }
    source.set('VROUTER_ID', String(id));
    const vm = createVm(ctx, source, {
      uid: ctx.who.uid,
      gid: ctx.who.gid,
      name: pattern.replace('%i', String(router.vms.length)),
      templateId,
      hold,
    });
    router.vms = [...router.vms, vm.id];
  }
  return id;
}

/** The router's live VMs (RUNNING or POWEROFF) get the NIC too. */
function attachNic(ctx: CallContext, id: number, text: string): number {
  const r = fetchAuthorized(ctx, VROUTER_KIND, id, OP.MANAGE);
  const nic = parseOrFail(ctx.method, text).vector('NIC');
  if (!nic) throw fail(ONED.ACTION, ctx.method, 'No NIC attribute in the template.', id);
  const nicId = r.template.vectors('NIC').reduce((m, n) => Math.max(m, Number(n.get('NIC_ID') ?? -1) + 1), 0);
  const one = parseOrFail(ctx.method, '');
  one.add({ name: 'NIC', vector: new Map(nic) });
  routerNics(ctx, one, r.uid, nicId);
  const added = one.vector('NIC') as Vector;
  const vnet = getOr(
    ctx.sim.state.vnets.get(Number(added.get('NETWORK_ID'))),
    ctx.method,
    'virtual network',
    -1,
  );
  for (const vmId of r.vms) {
    const vm = ctx.sim.state.vms.get(vmId);
    if (!vm || (vm.state !== S.ACTIVE && vm.state !== S.POWEROFF)) continue;
    const vmNicId = vm.template
      .vectors('NIC')
      .reduce((m, n) => Math.max(m, Number(n.get('NIC_ID') ?? -1) + 1), 0);
    const made = expandNic(ctx, added, vnet, vm.id, vmNicId);
    vm.leases = [...vm.leases, made.lease];
    vm.template.add({ name: 'NIC', vector: made.vector });
    ctx.sim.state.touchVm(vm);
  }
  r.template.add({ name: 'NIC', vector: added });
  return id;
}

function detachNic(ctx: CallContext, id: number, nicId: number): number {
  const r = fetchAuthorized(ctx, VROUTER_KIND, id, OP.MANAGE);
  const nic = r.template.vectors('NIC').find((n) => n.get('NIC_ID') === String(nicId));
  if (!nic) throw fail(ONED.ACTION, ctx.method, `NIC with NIC_ID ${nicId} does not exist.`, id);
  const vnetId = Number(nic.get('NETWORK_ID'));
  for (const vmId of r.vms) {
    const vm = ctx.sim.state.vms.get(vmId);
    const own = vm && vm.template.vectors('NIC').find((n) => n.get('NETWORK_ID') === String(vnetId));
    if (!vm || !own) continue;
    const lease = vm.leases.find((l) => l.vnetId === vnetId && String(l.arId) === own.get('AR_ID'));
    if (lease) {
      releaseLease(ctx.sim.state.vnets.get(vnetId), lease.arId, lease.index);
      vm.leases = vm.leases.filter((l) => l !== lease);
    }
    removeVector(vm, 'NIC', own);
    ctx.sim.state.touchVm(vm);
  }
  const keep = r.template.vectors('NIC').filter((n) => n !== nic);
  r.template.remove('NIC');
  for (const n of keep) r.template.add({ name: 'NIC', vector: n });
  return id;
}

export const vrouterMethods: Record<string, MethodSpec> = {
  'one.vrouter.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const { t, name } = allocTemplate(ctx, VROUTER_KIND, args.str(0));
      routerNics(ctx, t, ctx.who.uid);
      const id = state.vrouters.nextId();
      state.vrouters.insert({
        ...newOwned(ctx, id, name),
        vms: [],
        template: t,
        leases: [],
      });
      return id;
    },
  },
  'one.vrouter.instantiate': {
    params: 'iiisbs',
    handler: (ctx, args) =>
      instantiate(ctx, args.int(0), args.int(1), args.int(2), args.str(3), args.bool(4), args.str(5)),
  },
  'one.vrouter.attachnic': { params: 'is', handler: (ctx, args) => attachNic(ctx, args.int(0), args.str(1)) },
  'one.vrouter.detachnic': { params: 'ii', handler: (ctx, args) => detachNic(ctx, args.int(0), args.int(1)) },
};

export const vrouterModule: KindModule = {
  rpc: 'vrouter',
  ops: ownedOps(VROUTER_KIND),
  methods: vrouterMethods,
};
