// DATASTORE documents (reference oned-xmlrpc.md §4.9).
import type { DatastoreRec } from '../records.js';
import type { SimState } from '../state.js';
import { permissionsXml } from './common.js';
import { cel, el, ids } from './text.js';

export function datastoreXml(state: SimState, ds: DatastoreRec): string {
  const images = state.images
    .list()
    .filter((i) => i.datastoreId === ds.id)
    .map((i) => i.id);
  return (
    `<DATASTORE><ID>${ds.id}</ID><UID>${ds.uid}</UID><GID>${ds.gid}</GID>` +
    el('UNAME', state.userName(ds.uid)) +
    el('GNAME', state.groupName(ds.gid)) +
    el('NAME', ds.name) +
    permissionsXml(ds.perms) +
    `${cel('DS_MAD', ds.dsMad)}${cel('TM_MAD', ds.tmMad)}${cel('BASE_PATH', ds.basePath)}` +
    `<TYPE>${ds.type}</TYPE><DISK_TYPE>${ds.diskType}</DISK_TYPE><STATE>${ds.state}</STATE>` +
    ids('CLUSTERS', ds.clusters) +
    `<TOTAL_MB>${ds.totalMb}</TOTAL_MB><FREE_MB>${ds.freeMb}</FREE_MB><USED_MB>${ds.usedMb}</USED_MB>` +
    ids('IMAGES', images) +
    `${ds.template.xml('TEMPLATE')}</DATASTORE>`
  );
}
