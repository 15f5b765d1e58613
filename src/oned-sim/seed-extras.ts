// Seeded objects for the methods beyond listing VMs, added after everything else and without
// drawing random numbers (so the rest of the cloud stays the same): a backup datastore for
// one.vm.backup, two snapshots on demo's persistent image, and apps in the public marketplace.
import type { Sim } from './sim.js';
import { templateOf } from './template.js';

const DAY = 86400;

function backupDatastore(sim: Sim): void {
  const id = sim.state.datastores.nextId();
  sim.state.datastores.insert({
    id,
    uid: 0,
    gid: 0,
    name: 'nightly-backups',
    perms: 0o640,
    lock: null,
    dsMad: 'rsync',
    tmMad: '-',
    basePath: `/var/lib/one//datastores/${id}`,
    type: 3,
    diskType: 0,
    state: 0,
    clusters: [0],
    totalMb: 4_194_304,
    freeMb: 4_194_304,
    usedMb: 0,
    template: templateOf([
      ['DS_MAD', 'rsync'],
      ['RSYNC_HOST', 'backup.example.com'],
      ['RSYNC_USER', 'oneadmin'],
      ['TYPE', 'BACKUP_DS'],
    ]),
  });
}

function imageSnapshots(sim: Sim, now: number): void {
  const img = sim.state.images.find((i) => i.name === 'demo-data');
  if (!img) return;
  img.snapshots = {
    active: 1,
    next: 2,
    allowOrphans: false,
    list: [
      { id: 0, name: 'before-upgrade', date: now - 7 * DAY, parent: -1, size: img.size, children: [1] },
      { id: 1, name: 'weekly', date: now - DAY, parent: 0, size: img.size, children: [] },
    ],
  };
}

/** What `onemarketapp list` shows for OpenNebula's public marketplace, in short. */
const APPS: ReadonlyArray<readonly [string, number, string, string]> = [
  ['Alpine Linux 3.19', 256, '3.19.1-20240412', 'Alpine Linux 3.19 image with contextualization.'],
  ['Ubuntu 22.04', 2252, '6.10.0-1-20240621', 'Ubuntu 22.04 LTS image with contextualization.'],
  ['Debian 12', 2048, '6.10.0-1-20240612', 'Debian 12 (bookworm) image with contextualization.'],
  ['Service WordPress - KVM', 5120, '6.10.0-1-20240805', 'WordPress appliance, ready to run.'],
];

function marketApps(sim: Sim, now: number): void {
  const market = sim.state.markets.get(0);
  if (!market) return;
  APPS.forEach(([name, size, version, description], i) => {
    sim.state.marketapps.insert({
      id: sim.state.marketapps.nextId(),
      uid: 0,
      gid: 0,
      name,
      perms: 0o644,
      lock: null,
      regtime: now - (90 - i * 7) * DAY,
      originId: -1,
      source: `https://marketplace.opennebula.io//appliance/${i + 1}/download/0`,
      md5: (0x1f3a5c7e + i).toString(16).padStart(32, '0'),
      size,
      description,
      version,
      format: 'qcow2',
      appTemplate64: Buffer.from('DEV_PREFIX="vd"\nTYPE="OS"\n').toString('base64'),
      marketId: market.id,
      state: 1,
      type: 1,
      zoneId: 0,
      template: templateOf([
        ['LINK', 'https://marketplace.opennebula.io/appliance'],
        ['PUBLISHER', 'OpenNebula Systems'],
      ]),
    });
  });
}

export function seedExtras(sim: Sim, now: number): void {
  backupDatastore(sim);
  imageSnapshots(sim, now);
  marketApps(sim, now);
}
