// Seeded objects for the methods beyond listing VMs, added after everything else and without
// drawing random numbers (so the rest of the cloud stays the same): a backup datastore for
// one.vm.backup, two snapshots on demo's persistent image, and the public marketplace's apps.
import type { Sim } from './sim.js';
import { templateOf } from './template.js';

const DAY = 86400;

function backupDatastore(sim: Sim): void {
  const id = sim.state.datastores.nextId();
  sim.state.datastores.insert({
    id,
    uid: 0,
    gid: 0,
    name: 'backups',
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

export function seedExtras(sim: Sim, now: number): void {
  backupDatastore(sim);
  imageSnapshots(sim, now);
}
