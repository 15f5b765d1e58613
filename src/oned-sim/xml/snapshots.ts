// The SNAPSHOTS block of images and of VM disks (reference oned-xmlrpc.md §4.4; image.xsd,
// vm.xsd): ALLOW_ORPHANS, CURRENT_BASE, [DISK_ID,] NEXT_SNAPSHOT, then each SNAPSHOT with CDATA
// values. oned writes a snapshot's attributes sorted (ACTIVE, CHILDREN, DATE...); image.xsd
// wants CHILDREN before ACTIVE, and image documents follow the schema.
import type { DiskSnapshot, SnapshotSet } from '../snapshots.js';
import { cel } from './text.js';

function snapshotXml(s: DiskSnapshot, active: boolean, childrenFirst: boolean): string {
  const children = s.children.length > 0 ? cel('CHILDREN', s.children.join(',')) : '';
  const act = active ? cel('ACTIVE', 'YES') : '';
  return (
    `<SNAPSHOT>${childrenFirst ? children + act : act + children}${cel('DATE', s.date)}${cel('ID', s.id)}` +
    `${cel('NAME', s.name)}${cel('PARENT', s.parent)}${cel('SIZE', s.size)}</SNAPSHOT>`
  );
}

export function snapshotsXml(set: SnapshotSet, opts: { diskId?: number; image?: boolean } = {}): string {
  let s =
    `<SNAPSHOTS>${cel('ALLOW_ORPHANS', set.allowOrphans ? 'YES' : 'NO')}${cel('CURRENT_BASE', set.active)}` +
    (opts.diskId !== undefined ? cel('DISK_ID', opts.diskId) : '') +
    cel('NEXT_SNAPSHOT', set.next);
  for (const snap of set.list) s += snapshotXml(snap, snap.id === set.active, opts.image === true);
  return `${s}</SNAPSHOTS>`;
}
