// IMAGE documents as oned 6.10 writes them (reference oned-xmlrpc.md §4.4; 6.10 has no MODTIME,
// and LOCK comes before PERMISSIONS here).
import type { ImageRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
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
    `<RUNNING_VMS>${img.vms.size}</RUNNING_VMS><CLONING_OPS>0</CLONING_OPS><CLONING_ID>-1</CLONING_ID>` +
    `<TARGET_SNAPSHOT>-1</TARGET_SNAPSHOT><DATASTORE_ID>${img.datastoreId}</DATASTORE_ID>` +
    el('DATASTORE', state.datastores.get(img.datastoreId)?.name ?? '') +
    ids(
      'VMS',
      [...img.vms].sort((a, b) => a - b),
    ) +
    '<CLONES></CLONES><APP_CLONES></APP_CLONES>' +
    img.template.xml('TEMPLATE') +
    `<SNAPSHOTS>${cel('ALLOW_ORPHANS', 'NO')}${cel('CURRENT_BASE', -1)}${cel('NEXT_SNAPSHOT', 0)}</SNAPSHOTS>` +
    '<BACKUP_INCREMENTS></BACKUP_INCREMENTS><BACKUP_DISK_IDS></BACKUP_DISK_IDS></IMAGE>'
  );
}
