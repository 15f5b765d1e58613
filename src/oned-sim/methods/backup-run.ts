// One VM backup (reference oned-xmlrpc.md §2.4, §4.2): the VM goes BACKUP (RUNNING) or
// BACKUP_POWEROFF, a new BACKUP image holding its disks and template appears in the backup
// datastore (LOCKED until written), and the VM's BACKUPS show it (BACKUP_IDS, BACKUP_CONFIG's
// LAST_BACKUP_ID, LAST_BACKUP_SIZE, LAST_DATASTORE_ID). Used by one.vm.backup and backup jobs.
import type { CallContext } from '../call.js';
import type { DatastoreRec, VmRec } from '../records.js';
import { Template } from '../template.js';
import { L, S } from '../vm-codes.js';
import { createImage } from './image-kind.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Backups kept per VM in BACKUP_IDS (the oldest leave the list, their images stay). */
const MAX_BACKUP_IDS = 32;

export function canBackup(vm: VmRec): boolean {
  return (vm.state === S.ACTIVE && vm.lcm === L.RUNNING) || vm.state === S.POWEROFF;
}

/** oned names backup images "<vm id> <dd-Mon HH.MM.SS>". */
function backupName(vm: VmRec, now: number): string {
  const d = new Date(now * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${vm.id} ${p(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]} ${p(d.getUTCHours())}.${p(d.getUTCMinutes())}.${p(d.getUTCSeconds())}`;
}

/** Starts the backup (check canBackup first); `done` runs when the image is written. */
export function backupVm(
  ctx: CallContext,
  vm: VmRec,
  ds: DatastoreRec,
  done?: (ok: boolean) => void,
): number {
  const state = ctx.sim.state;
  const now = ctx.sim.now();
  const disks = vm.template
    .vectors('DISK')
    .filter((d) => d.has('IMAGE_ID'))
    .map((d) => ({
      diskId: Number(d.get('DISK_ID') ?? 0),
      size: Number(d.get('SIZE') ?? 0),
      format: d.get('FORMAT') ?? 'raw',
    }));
  const size = disks.reduce((n, d) => n + d.size, 0);
  let name = backupName(vm, now);
  for (let i = 1; state.images.find((img) => img.uid === vm.uid && img.name === name); i++)
    name = `${backupName(vm, now)} (${i})`;
  const kept = vm.template.clone();
  kept.remove('VMID');
  const img = createImage(ctx, {
    name,
    uid: vm.uid,
    gid: vm.gid,
    ds,
    type: 6,
    size,
    format: 'raw',
    persistent: false,
    path: '',
    template: new Template(),
  });
  img.backup = { vmId: vm.id, vmName: vm.name, template: kept, disks };
  const lcm = vm.state === S.POWEROFF ? L.BACKUP_POWEROFF : L.BACKUP;
  ctx.sim.lifecycle.busy(vm, lcm, () => {
    vm.backupIds = [...(vm.backupIds ?? []), img.id].slice(-MAX_BACKUP_IDS);
    const conf = new Map(
      vm.backupConfig ?? [
        ['BACKUP_VOLATILE', 'NO'],
        ['FS_FREEZE', 'NONE'],
        ['KEEP_LAST', ''],
        ['MODE', 'FULL'],
      ],
    );
    conf.set('LAST_BACKUP_ID', String(img.id));
    conf.set('LAST_BACKUP_SIZE', String(size));
    conf.set('LAST_DATASTORE_ID', String(ds.id));
    vm.backupConfig = conf;
    done?.(true);
  });
  return img.id;
}
