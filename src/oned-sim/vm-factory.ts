// Building a VM from a template, as one.vm.allocate and one.template.instantiate do (reference
// oned-xmlrpc.md §2.4, §4.2): validate CPU and MEMORY, resolve DISKs to images and NICs to leases
// of their networks (USE on each), fill in what oned adds (DISK_ID, TARGET, SOURCE..., NIC_ID, IP,
// MAC..., GRAPHICS PORT, OS UUID, AUTOMATIC_*_REQUIREMENTS, TM_MAD_SYSTEM, VMID), and split what
// oned keeps in TEMPLATE from what stays in USER_TEMPLATE.
import type { VmRec } from './records.js';
import type { Template } from './template.js';
import { allocError, expandDisks, expandNics, nextTarget, type CreateVmContext } from './vm-devices.js';
import { S } from './vm-codes.js';
import { takeImportId } from './vm-import.js';

/** The attributes oned keeps in a VM's TEMPLATE (the names vm.xsd allows there); everything
 * else the user wrote stays in USER_TEMPLATE. */
export const VM_SYSTEM_ATTRS: ReadonlySet<string> = new Set([
  'AUTOMATIC_DS_REQUIREMENTS',
  'AUTOMATIC_NIC_REQUIREMENTS',
  'AUTOMATIC_REQUIREMENTS',
  'CLONING_TEMPLATE_ID',
  'CONTEXT',
  'CPU',
  'CPU_COST',
  'DISK',
  'DISK_COST',
  'EMULATOR',
  'FEATURES',
  'GRAPHICS',
  'HYPERV_OPTIONS',
  'IMPORTED',
  'INPUT',
  'MEMORY',
  'MEMORY_COST',
  'MEMORY_MAX',
  'MEMORY_RESIZE_MODE',
  'MEMORY_SLOTS',
  'NIC',
  'NIC_ALIAS',
  'NIC_DEFAULT',
  'NUMA_NODE',
  'OS',
  'PCI',
  'RAW',
  'SECURITY_GROUP_RULE',
  'SNAPSHOT',
  'SPICE_OPTIONS',
  'SUBMIT_ON_HOLD',
  'TEMPLATE_ID',
  'TM_MAD_SYSTEM',
  'TOPOLOGY',
  'VCPU',
  'VCPU_MAX',
  'VIDEO',
  'VMGROUP',
  'VMID',
  'VROUTER_ID',
  'VROUTER_KEEPALIVED_ID',
  'VROUTER_KEEPALIVED_PASSWORD',
]);

export interface NewVmOptions {
  readonly uid: number;
  readonly gid: number;
  /** VM name; default the template's NAME, else one-<id>. */
  readonly name?: string;
  readonly templateId?: number;
  /** Submit on hold (HOLD instead of PENDING). */
  readonly hold?: boolean;
  /** Leave the VM in INIT (seeding places it itself). */
  readonly noSubmit?: boolean;
}

function positive(ctx: CreateVmContext, t: Template): [number, number] {
  const cpuText = t.get('CPU') ?? '';
  const memText = t.get('MEMORY') ?? '';
  const cpu = Number(cpuText);
  const memory = Number(memText);
  if (cpuText.trim() === '' || !Number.isFinite(cpu) || cpu <= 0)
    throw allocError(ctx, 'CPU attribute must be a positive float or integer value.');
  if (!/^\s*\d+\s*$/.test(memText) || memory <= 0)
    throw allocError(ctx, 'MEMORY attribute must be a positive integer value.');
  return [cpu, memory];
}

export function createVm(ctx: CreateVmContext, source: Template, opts: NewVmOptions): VmRec {
  const sim = ctx.sim;
  const state = sim.state;
  if (state.vms.full()) throw allocError(ctx, 'The VM pool is full.');
  const t = source.clone();
  const [cpu, memory] = positive(ctx, t);
  const importId = takeImportId(ctx, t);
  const id = state.vms.nextId();
  const name = opts.name || t.get('NAME') || `one-${id}`;
  t.remove('NAME');

  const { images, taken, count: diskCount } = expandDisks(ctx, t, opts.uid);
  const { leases, clusters } = expandNics(ctx, t, id, opts.uid);
  const graphics = t.vector('GRAPHICS');
  if (graphics) {
    if (!graphics.has('PORT')) graphics.set('PORT', String(5900 + id));
    if (!graphics.has('LISTEN')) graphics.set('LISTEN', '0.0.0.0');
  }
  const os = new Map(t.vector('OS') ?? []);
  os.set('UUID', sim.rng.uuid());
  t.setVector('OS', os);
  const context = t.vector('CONTEXT');
  if (context) {
    context.set('DISK_ID', String(diskCount));
    context.set('TARGET', nextTarget('hd', taken));
    t.vectors('NIC').forEach((nic, i) => {
      const ip = nic.get('IP');
      const mac = nic.get('MAC');
      if (ip) context.set(`ETH${i}_IP`, ip);
      if (mac) context.set(`ETH${i}_MAC`, mac);
    });
  }

  const where =
    clusters === null ? '' : `(${(clusters as number[]).map((c) => `CLUSTER_ID = ${c}`).join(' | ')}) & `;
  t.set('AUTOMATIC_REQUIREMENTS', `${where}!(PUBLIC_CLOUD = YES) & !(PIN_POLICY = PINNED)`);
  if (clusters !== null || images.length > 0) {
    const dsClusters = clusters ?? [0];
    t.set('AUTOMATIC_DS_REQUIREMENTS', dsClusters.map((c) => `("CLUSTERS/ID" @> ${c})`).join(' | '));
  }
  if (clusters !== null)
    t.set(
      'AUTOMATIC_NIC_REQUIREMENTS',
      (clusters as number[]).map((c) => `("CLUSTERS/ID" @> ${c})`).join(' | '),
    );
  if (opts.templateId !== undefined) t.set('TEMPLATE_ID', String(opts.templateId));
  t.set('TM_MAD_SYSTEM', state.datastores.find((d) => d.type === 1)?.tmMad ?? 'ssh');
  t.set('VMID', String(id));

  const userTemplate = t.extract((n) => !VM_SYSTEM_ATTRS.has(n));
  const vm: VmRec = {
    id,
    uid: opts.uid,
    gid: opts.gid,
    name,
    perms: 0o600,
    lock: null,
    state: S.INIT,
    lcm: 0,
    prevState: S.INIT,
    prevLcm: 0,
    resched: 0,
    stime: sim.now(),
    etime: 0,
    deployId: importId,
    template: t,
    userTemplate,
    history: [],
    cpu,
    memory,
    hostId: -1,
    lastPoll: 0,
    leases,
    imageIds: images.map((i) => i.id),
    clusters,
    cache: { short: null, extended: null },
  };
  for (const img of images) {
    img.vms.add(id);
    img.state = img.persistent ? 8 : 2;
  }
  state.vms.insert(vm);
  state.touchVm(vm);
  // An imported VM waits on HOLD for the deploy that says where it already runs.
  if (!opts.noSubmit) sim.lifecycle.setState(vm, opts.hold || importId !== '' ? S.HOLD : S.PENDING);
  return vm;
}
