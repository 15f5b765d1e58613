// BACKUPJOB documents (backupjob.xsd): ID, UID, GID, UNAME, GNAME, NAME, [LOCK], PERMISSIONS,
// PRIORITY, LAST_BACKUP_TIME, LAST_BACKUP_DURATION, SCHED_ACTIONS, UPDATED_VMS, OUTDATED_VMS,
// BACKING_UP_VMS, ERROR_VMS, TEMPLATE (scheduled actions last, inside it).
import type { BackupJobRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
import { schedActionXml } from './sched-action.js';
import { el, ids } from './text.js';

/** The VMs the job backs up (TEMPLATE/BACKUP_VMS). */
export function backupJobVms(j: BackupJobRec): number[] {
  return (j.template.get('BACKUP_VMS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}

export function backupJobXml(state: SimState, j: BackupJobRec): string {
  const busy = new Set([...j.outdated, ...j.backingUp, ...j.errors]);
  return (
    `<BACKUPJOB><ID>${j.id}</ID><UID>${j.uid}</UID><GID>${j.gid}</GID>` +
    el('UNAME', state.userName(j.uid)) +
    el('GNAME', state.groupName(j.gid)) +
    el('NAME', j.name) +
    lockXml(j.lock) +
    permissionsXml(j.perms) +
    `<PRIORITY>${j.priority}</PRIORITY><LAST_BACKUP_TIME>${j.lastBackupTime}</LAST_BACKUP_TIME>` +
    `<LAST_BACKUP_DURATION>${j.lastBackupDuration}</LAST_BACKUP_DURATION>` +
    ids(
      'SCHED_ACTIONS',
      j.schedActions.map((a) => a.id),
    ) +
    ids(
      'UPDATED_VMS',
      backupJobVms(j).filter((id) => !busy.has(id)),
    ) +
    ids('OUTDATED_VMS', j.outdated) +
    ids('BACKING_UP_VMS', j.backingUp) +
    ids('ERROR_VMS', j.errors) +
    `<TEMPLATE>${j.template.body()}${j.schedActions.map(schedActionXml).join('')}</TEMPLATE></BACKUPJOB>`
  );
}
