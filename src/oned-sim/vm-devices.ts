// The devices of a new VM (reference oned-xmlrpc.md §4.2): DISKs resolved to images (USE on each,
// plus what oned copies from the image and its datastore: SOURCE, TARGET, DATASTORE...) and NICs
// to leases of their networks (USE on each, AR_ID, IP, MAC, BRIDGE...).
import { allocateLease, leaseIp, leaseMac } from './address.js';
import { authorize, OP } from './authz.js';
import { fail } from './call.js';
import { ONED } from './errors.js';
import type { Identity } from './identity.js';
import type { ImageRec, NicLease, VnetRec } from './records.js';
import type { Sim } from './sim.js';
import type { Template, Vector } from './template.js';

export interface CreateVmContext {
  readonly sim: Sim;
  readonly method: string;
  /** Whose USE rights on images and networks are checked. */
  readonly who: Identity;
  /** How device errors are reported (default: oned's VM ALLOCATE failure). */
  readonly deviceError?: (detail: string) => Error;
}

export function allocError(ctx: CreateVmContext, detail: string): Error {
  if (ctx.deviceError) return ctx.deviceError(detail);
  return fail(ONED.ALLOCATE, ctx.method, `Error allocating a new virtual machine. ${detail}`);
}

const DISK_TYPES = ['FILE', 'CDROM', 'FILE', 'KERNEL', 'RAMDISK', 'CONTEXT'];

function findImage(ctx: CreateVmContext, disk: Vector, ownerUid: number): ImageRec {
  const state = ctx.sim.state;
  const byId = disk.get('IMAGE_ID');
  if (byId !== undefined) {
    const img = state.images.get(Number(byId));
    if (!img || !/^\d+$/.test(byId)) throw allocError(ctx, `Error getting image [${byId}].`);
    return img;
  }
  const name = disk.get('IMAGE') as string;
  const uname = disk.get('IMAGE_UNAME');
  const uid = uname !== undefined ? state.userByName(uname)?.id : Number(disk.get('IMAGE_UID') ?? ownerUid);
  const img = state.images.find((i) => i.name === name && i.uid === uid);
  if (!img) throw allocError(ctx, `Error getting image ${name}.`);
  return img;
}

function findVnet(ctx: CreateVmContext, nic: Vector, ownerUid: number): VnetRec {
  const state = ctx.sim.state;
  const byId = nic.get('NETWORK_ID');
  if (byId !== undefined) {
    const n = state.vnets.get(Number(byId));
    if (!n || !/^\d+$/.test(byId)) throw allocError(ctx, `Error getting virtual network [${byId}].`);
    return n;
  }
  const name = nic.get('NETWORK') ?? '';
  const uname = nic.get('NETWORK_UNAME');
  const uid = uname !== undefined ? state.userByName(uname)?.id : Number(nic.get('NETWORK_UID') ?? ownerUid);
  const n = state.vnets.find((v) => v.name === name && (v.uid === uid || uname === undefined));
  if (!n) throw allocError(ctx, `Error getting virtual network ${name}.`);
  return n;
}

export function diskTarget(prefix: string, index: number): string {
  return `${prefix}${String.fromCharCode(97 + index)}`;
}

export interface Disks {
  readonly images: ImageRec[];
  /** The device targets the disks took (vda, vdb, hda...). */
  readonly taken: Set<string>;
  readonly count: number;
}

/** The first free target of a device prefix (vda, vdb...), marked as taken. */
export function nextTarget(prefix: string, taken: Set<string>): string {
  for (let i = 0; i < 26; i++) {
    const t = diskTarget(prefix, i);
    if (!taken.has(t)) {
      taken.add(t);
      return t;
    }
  }
  return diskTarget(prefix, taken.size);
}

/** One DISK as oned completes it: an image disk (USE on the image) or a volatile one. */
export function expandDisk(
  ctx: CreateVmContext,
  disk: Vector,
  ownerUid: number,
  diskId: number,
  taken: Set<string>,
): { readonly vector: Vector; readonly image: ImageRec | null } {
  const state = ctx.sim.state;
  const d = new Map(disk);
  let image: ImageRec | null = null;
  if (disk.has('IMAGE_ID') || disk.has('IMAGE')) {
    const img = findImage(ctx, disk, ownerUid);
    authorize(state, ctx.method, ctx.who, [
      ['IMAGE', { id: img.id, uid: img.uid, gid: img.gid, perms: img.perms, lock: img.lock }, OP.USE],
    ]);
    if (![1, 2, 8].includes(img.state))
      throw allocError(ctx, `Image ${img.id} is not ready to be used (state ${img.state}).`);
    if (img.persistent && img.vms.size > 0)
      throw allocError(ctx, `Cannot acquire image ${img.id}, it is already used.`);
    const ds = state.datastores.get(img.datastoreId);
    const prefix = img.template.get('DEV_PREFIX') ?? (img.type === 1 ? 'hd' : 'vd');
    d.set('CLONE', img.persistent ? 'NO' : 'YES');
    d.set('CLUSTER_ID', (ds?.clusters ?? [0]).join(','));
    d.set('DATASTORE', ds?.name ?? '');
    d.set('DATASTORE_ID', String(img.datastoreId));
    d.set('DEV_PREFIX', prefix);
    d.set('DISK_TYPE', 'FILE');
    d.set('DRIVER', img.format === 'qcow2' ? 'qcow2' : 'raw');
    d.set('FORMAT', img.format);
    d.set('IMAGE', img.name);
    d.set('IMAGE_ID', String(img.id));
    d.set('IMAGE_STATE', String(img.state));
    d.set('IMAGE_UID', String(img.uid));
    d.set('IMAGE_UNAME', state.userName(img.uid));
    d.set('ORIGINAL_SIZE', String(img.size));
    d.set('PERSISTENT', img.persistent ? 'YES' : 'NO');
    d.set('READONLY', img.type === 1 ? 'YES' : 'NO');
    d.set('SAVE', img.persistent ? 'YES' : 'NO');
    if (!d.has('SIZE')) d.set('SIZE', String(img.size));
    d.set('SOURCE', img.source);
    if (d.has('TARGET')) taken.add(d.get('TARGET') as string);
    else d.set('TARGET', nextTarget(prefix, taken));
    d.set('TM_MAD', ds?.tmMad ?? 'ssh');
    d.set('TYPE', DISK_TYPES[img.type] ?? 'FILE');
    image = img;
  } else {
    // A volatile disk (TYPE = fs or swap, SIZE in MB).
    if (d.has('TARGET')) taken.add(d.get('TARGET') as string);
    else d.set('TARGET', nextTarget('vd', taken));
    if (!d.has('TYPE')) d.set('TYPE', 'fs');
    if (!d.has('FORMAT')) d.set('FORMAT', 'raw');
  }
  d.set('DISK_ID', String(diskId));
  return { vector: d, image };
}

/** Replaces the template's DISKs by their expanded form. */
export function expandDisks(ctx: CreateVmContext, t: Template, ownerUid: number): Disks {
  const images: ImageRec[] = [];
  const taken = new Set<string>();
  const disks = t.vectors('DISK');
  t.remove('DISK');
  disks.forEach((disk, diskId) => {
    const { vector, image } = expandDisk(ctx, disk, ownerUid, diskId, taken);
    if (image) images.push(image);
    t.add({ name: 'DISK', vector });
  });
  return { images, taken, count: disks.length };
}

export interface Nics {
  readonly leases: NicLease[];
  /** Clusters the VM may run in (those of all its networks), or null without NICs. */
  readonly clusters: number[] | null;
}

/** The network a NIC names, with USE checked. */
export function nicNetwork(ctx: CreateVmContext, nic: Vector, ownerUid: number): VnetRec {
  const vnet = findVnet(ctx, nic, ownerUid);
  authorize(ctx.sim.state, ctx.method, ctx.who, [
    [
      'NET',
      {
        id: vnet.id,
        uid: vnet.uid,
        gid: vnet.gid,
        perms: vnet.perms,
        clusters: vnet.clusters,
        lock: vnet.lock,
      },
      OP.USE,
    ],
  ]);
  return vnet;
}

/** One NIC as oned completes it, with a lease of its network taken for VM `vmId`. */
export function expandNic(
  ctx: CreateVmContext,
  nic: Vector,
  vnet: VnetRec,
  vmId: number,
  nicId: number,
): { readonly vector: Vector; readonly lease: NicLease } {
  const state = ctx.sim.state;
  const lease = allocateLease(vnet, vmId, ctx.method);
  const ar = vnet.ars.find((a) => a.id === lease.arId);
  const n = new Map(nic);
  n.set('AR_ID', String(lease.arId));
  n.set('BRIDGE', vnet.bridge);
  n.set('BRIDGE_TYPE', vnet.bridgeType);
  n.set('CLUSTER_ID', vnet.clusters.join(','));
  if (ar) {
    const ip = leaseIp(ar, lease.index);
    if (ip !== null) n.set('IP', ip);
    n.set('MAC', leaseMac(ar, lease.index));
  }
  n.set('NAME', `NIC${nicId}`);
  n.set('NETWORK', vnet.name);
  n.set('NETWORK_ID', String(vnet.id));
  n.set('NETWORK_UNAME', state.userName(vnet.uid));
  n.set('NIC_ID', String(nicId));
  if (!n.has('SECURITY_GROUPS')) n.set('SECURITY_GROUPS', vnet.template.get('SECURITY_GROUPS') ?? '0');
  n.set('TARGET', `one-${vmId}-${nicId}`);
  n.set('VN_MAD', vnet.vnMad);
  return { vector: n, lease: { vnetId: vnet.id, arId: lease.arId, index: lease.index } };
}

/** Replaces the template's NICs by their expanded form, taking a lease for each. */
export function expandNics(ctx: CreateVmContext, t: Template, id: number, ownerUid: number): Nics {
  const state = ctx.sim.state;
  const leases: NicLease[] = [];
  let clusters: number[] | null = null;
  const nics = t.vectors('NIC');
  t.remove('NIC');
  const vnets = nics.map((nic) => {
    const vnet = nicNetwork(ctx, nic, ownerUid);
    clusters = clusters === null ? [...vnet.clusters] : clusters.filter((c) => vnet.clusters.includes(c));
    return vnet;
  });
  if (clusters !== null && (clusters as number[]).length === 0)
    throw allocError(
      ctx,
      'Incompatible clusters in NIC. Network for NIC 0 is not in the same cluster as the one used by other VM elements.',
    );
  nics.forEach((nic, nicId) => {
    let made;
    try {
      made = expandNic(ctx, nic, vnets[nicId] as VnetRec, id, nicId);
    } catch (err) {
      for (const l of leases)
        state.vnets
          .get(l.vnetId)
          ?.ars.find((a) => a.id === l.arId)
          ?.leases.delete(l.index);
      throw err;
    }
    leases.push(made.lease);
    t.add({ name: 'NIC', vector: made.vector });
  });

  return { leases, clusters };
}
