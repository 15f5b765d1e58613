// IMAGE documents as oned 6.10 writes them (reference oned-xmlrpc.md §4.4; 6.10 has no MODTIME,
// and LOCK comes before PERMISSIONS here).
import type { ImageRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
import { emptySnapshots } from '../snapshots.js';
import { snapshotsXml } from './snapshots.js';
import { cel, el, ids } from './text.js';

export function imageXml(state: SimState, img: ImageRec): string {
  return (
    `<IMAGE><ID>${img.id}</ID><UID>${img.uid}</UID><GID>${img.gid}</GID>` +
    el('UNAME', state.userName(img.uid)) +
    el('GNAME', state.groupName(img.gid)) +
    el('NAME', img.name) +
    lockXml(img.lock) +
    permissionsXml(img.perms) +
    `<TYPE>${img.type}</TYPE><DISK_TYPE>${img.diskType}</DISK_TYPE><PERSISTENT>${img.persistent ? 1 : 0}</PERSISTENT>` +
    `<REGTIME>${img.regtime}</REGTIME>${cel('SOURCE', img.source)}${cel('PATH', img.path)}${cel('FORMAT', img.format)}` +
    `${cel('FS', img.fs)}<SIZE>${img.size}</SIZE><STATE>${img.state}</STATE><PREV_STATE>${img.prevState}</PREV_STATE>` +
    `<RUNNING_VMS>${img.vms.size}</RUNNING_VMS><CLONING_OPS>${img.clones?.length ?? 0}</CLONING_OPS>` +
    `<CLONING_ID>${img.cloningId ?? -1}</CLONING_ID>` +
    `<TARGET_SNAPSHOT>-1</TARGET_SNAPSHOT><DATASTORE_ID>${img.datastoreId}</DATASTORE_ID>` +
    el('DATASTORE', state.datastores.get(img.datastoreId)?.name ?? '') +
    ids(
      'VMS',
      [...img.vms].sort((a, b) => a - b),
    ) +
    ids('CLONES', img.clones ?? []) +
    '<APP_CLONES></APP_CLONES>' +
    img.template.xml('TEMPLATE') +
    snapshotsXml(img.snapshots ?? emptySnapshots(), { image: true }) +
    '<BACKUP_INCREMENTS></BACKUP_INCREMENTS>' +
    ids(
      'BACKUP_DISK_IDS',
      (img.backup?.disks ?? []).map((d) => d.diskId),
    ) +
    '</IMAGE>'
  );
}
