// Seeded infrastructure: hosts sized to the VM count, shared and private images, networks
// large enough for every seeded VM's lease, and the VM templates users instantiate.
import { ipToString, macForIp, parseIp } from './address.js';
import { probedTemplate } from './host-probe.js';
import type { HostRec, ImageRec, VnetRec } from './records.js';
import { ENGINEERING_GID } from './seed-bootstrap.js';
import type { Sim } from './sim.js';
import { templateOf, type Template } from './template.js';

const DAY = 86400;

/** Host shapes: cores and GiB of memory. */
const SMALL_HOSTS: ReadonlyArray<readonly [number, number]> = [
  [32, 128],
  [48, 256],
  [64, 512],
];
const LARGE_HOSTS: ReadonlyArray<readonly [number, number]> = [
  [64, 512],
  [96, 768],
  [128, 1024],
];

/** Enough hosts for the seeded VMs to fit with room to spare (about half the CPU in use). */
export function hostCountFor(vms: number): number {
  return vms <= 1000 ? Math.max(3, Math.ceil(vms / 60)) : Math.min(1000, Math.ceil(vms / 100));
}

export function seedHosts(sim: Sim, vms: number): void {
  const count = hostCountFor(vms);
  const shapes = vms <= 1000 ? SMALL_HOSTS : LARGE_HOSTS;
  const width = count >= 100 ? 3 : 2;
  for (let id = 0; id < count; id++) {
    const [cores, gib] = sim.rng.pick(shapes);
    const host: HostRec = {
      id,
      name: `node${String(id + 1).padStart(width, '0')}`,
      state: 2,
      prevState: 2,
      imMad: 'kvm',
      vmMad: 'kvm',
      clusterId: 0,
      template: templateOf([]),
      totalCpu: cores * 100,
      totalMem: gib * 1024 * 1024,
      cpuUsage: 0,
      memUsage: 0,
      vms: new Set(),
      maxDisk: 1_900_000,
    };
    host.template = probedTemplate(host);
    sim.state.hosts.insert(host);
  }
}

export function seedImages(sim: Sim, now: number): void {
  const img = (
    id: number,
    name: string,
    uid: number,
    gid: number,
    type: number,
    size: number,
    format: string,
    persistent: boolean,
    perms: number,
    path: string,
  ): void => {
    const image: ImageRec = {
      id,
      uid,
      gid,
      name,
      perms,
      lock: null,
      type,
      diskType: 0,
      persistent,
      regtime: now - sim.rng.int(30, 300) * DAY,
      source: `/var/lib/one//datastores/1/${sim.rng.hex(16)}`,
      path,
      format,
      fs: '',
      size,
      state: 1,
      prevState: 4,
      datastoreId: 1,
      vms: new Set(),
      template: templateOf([['DEV_PREFIX', type === 1 ? 'hd' : 'vd']]),
    };
    sim.state.images.insert(image);
    const ds = sim.state.datastores.get(1);
    if (ds) {
      ds.usedMb += size;
      ds.freeMb -= size;
    }
  };
  // Shared images are readable by everyone (um- --- u--), as an administrator publishes them.
  img(
    0,
    'Ubuntu 22.04',
    0,
    0,
    0,
    2252,
    'qcow2',
    false,
    0o604,
    'https://marketplace.opennebula.io//appliance/ubuntu-22.04/download/0',
  );
  img(
    1,
    'Alpine Linux 3.19',
    0,
    0,
    0,
    256,
    'qcow2',
    false,
    0o604,
    'https://marketplace.opennebula.io//appliance/alpine-3.19/download/0',
  );
  img(
    2,
    'Debian 12',
    0,
    0,
    0,
    2048,
    'qcow2',
    false,
    0o604,
    'https://marketplace.opennebula.io//appliance/debian-12/download/0',
  );
  img(3, 'demo-data', 2, 1, 2, 10240, 'raw', true, 0o600, '');
  img(4, 'alice-scratch', 3, ENGINEERING_GID, 2, 5120, 'raw', false, 0o600, '');
  img(5, 'Rocky Linux 9 ISO', 0, 0, 1, 10250, 'raw', false, 0o604, '/var/tmp/Rocky-9-x86_64-dvd.iso');
}

export function seedVnets(sim: Sim, vms: number): void {
  const net = (
    id: number,
    name: string,
    uid: number,
    gid: number,
    bridge: string,
    vnMad: string,
    ip: string,
    size: number,
    extra: Array<[string, string]>,
    vlan = '',
  ): void => {
    const first = parseIp(ip) as number;
    const vnet: VnetRec = {
      id,
      uid,
      gid,
      name,
      perms: 0o600,
      lock: null,
      clusters: [0],
      bridge,
      bridgeType: 'linux',
      state: 1,
      prevState: 0,
      vnMad,
      phydev: vnMad === 'vxlan' ? 'eth1' : '',
      vlanId: vlan,
      template: templateOf([['BRIDGE', bridge], ...extra, ['SECURITY_GROUPS', '0'], ['VN_MAD', vnMad]]),
      ars: [{ id: 0, type: 'IP4', ip: first, mac: macForIp(first), size, leases: new Map(), cursor: 0 }],
    };
    sim.state.vnets.insert(vnet);
  };
  net(0, 'public', 0, 0, 'br0', 'bridge', '192.168.100.10', 200, [
    ['DNS', '192.168.100.1'],
    ['GATEWAY', '192.168.100.1'],
    ['NETWORK_ADDRESS', '192.168.100.0'],
    ['NETWORK_MASK', '255.255.255.0'],
  ]);
  const privateSize = Math.max(1024, vms + 256);
  const base = parseIp('10.10.0.2') as number;
  net(1, 'private', 0, 0, 'br1', 'bridge', ipToString(base), privateSize, [
    ['DNS', '10.10.0.1'],
    ['GATEWAY', '10.10.0.1'],
    ['NETWORK_ADDRESS', '10.10.0.0'],
    ['NETWORK_MASK', privateSize > 65000 ? '255.0.0.0' : '255.255.0.0'],
  ]);
  net(
    2,
    'engineering',
    3,
    ENGINEERING_GID,
    'onebr.100',
    'vxlan',
    '172.16.0.10',
    Math.max(256, vms + 16),
    [
      ['NETWORK_ADDRESS', '172.16.0.0'],
      ['NETWORK_MASK', '255.255.0.0'],
    ],
    '100',
  );
}

function vmTemplate(entries: Parameters<typeof templateOf>[0]): Template {
  return templateOf(entries);
}

export function seedTemplates(sim: Sim, now: number): void {
  const common = (image: number, network: number): Parameters<typeof templateOf>[0] => [
    ['CONTEXT', { NETWORK: 'YES', SSH_PUBLIC_KEY: '$USER[SSH_PUBLIC_KEY]' }],
    ['DISK', { IMAGE_ID: String(image) }],
    ['GRAPHICS', { LISTEN: '0.0.0.0', TYPE: 'VNC' }],
    ['NIC', { NETWORK_ID: String(network) }],
    ['OS', { ARCH: 'x86_64' }],
  ];
  const tmpl = (
    id: number,
    name: string,
    uid: number,
    gid: number,
    perms: number,
    entries: Parameters<typeof templateOf>[0],
  ): void => {
    sim.state.templates.insert({
      id,
      uid,
      gid,
      name,
      perms,
      lock: null,
      regtime: now - sim.rng.int(10, 200) * DAY,
      template: vmTemplate(entries),
    });
  };
  tmpl(0, 'ubuntu-small', 0, 0, 0o604, [
    ['CPU', '0.5'],
    ['DESCRIPTION', 'Ubuntu 22.04, 1 vCPU, 1 GB'],
    ['MEMORY', '1024'],
    ['VCPU', '1'],
    ...common(0, 1),
  ]);
  tmpl(1, 'alpine-tiny', 0, 0, 0o604, [
    ['CPU', '0.1'],
    ['DESCRIPTION', 'Alpine Linux, minimal'],
    ['MEMORY', '256'],
    ['VCPU', '1'],
    ...common(1, 1),
  ]);
  tmpl(2, 'debian-medium', 0, 0, 0o604, [
    ['CPU', '1'],
    ['DESCRIPTION', 'Debian 12, 2 vCPU, 4 GB'],
    ['MEMORY', '4096'],
    ['VCPU', '2'],
    ...common(2, 1),
  ]);
  tmpl(3, 'demo-web', 2, 1, 0o600, [
    ['CPU', '1'],
    ['LABELS', 'web'],
    ['MEMORY', '2048'],
    ['VCPU', '1'],
    ...common(1, 1),
  ]);
  tmpl(4, 'alice-build', 3, ENGINEERING_GID, 0o600, [
    ['CPU', '2'],
    ['LABELS', 'ci'],
    ['MEMORY', '4096'],
    ['VCPU', '4'],
    ...common(2, 2),
  ]);
}
