// Disk snapshots as oned keeps them (Snapshots.cc), for images and VM disks alike: a tree of
// snapshots, each new one a child of the active one (the one last reverted to, -1 before any
// revert); deleting the active one or one with children (unless orphans are allowed) is refused
// with oned's texts. The XML writer is in xml/snapshots.ts.

export interface DiskSnapshot {
  readonly id: number;
  name: string;
  readonly date: number;
  readonly parent: number;
  /** MB. */
  readonly size: number;
  children: number[];
}

export interface SnapshotSet {
  /** The active snapshot (CURRENT_BASE), -1 for none. */
  active: number;
  next: number;
  readonly allowOrphans: boolean;
  list: DiskSnapshot[];
}

/** Snapshots a set may hold (oned has no limit; the simulator keeps memory bounded). */
export const MAX_SNAPSHOTS = 64;

export function emptySnapshots(allowOrphans = false): SnapshotSet {
  return { active: -1, next: 0, allowOrphans, list: [] };
}

export function findSnapshot(set: SnapshotSet | undefined, id: number): DiskSnapshot | undefined {
  return set?.list.find((s) => s.id === id);
}

/** Adds a snapshot as child of the active one (creating does not change which is active); its id. */
export function createSnapshot(set: SnapshotSet, name: string, date: number, size: number): number {
  const id = set.next++;
  const parent = set.active;
  set.list.push({ id, name: name === '' ? `snap-${id}` : name, date, parent, size, children: [] });
  findSnapshot(set, parent)?.children.push(id);
  return id;
}

/** Why the snapshot cannot be deleted (oned's Snapshots::test_delete), or null. */
export function deleteRefusal(set: SnapshotSet | undefined, id: number): string | null {
  const s = findSnapshot(set, id);
  if (!s || !set) return 'Snapshot does not exist';
  if (set.active === id) return 'Cannot delete the active snapshot';
  if (!set.allowOrphans && s.children.length > 0) return 'Cannot delete snapshot with children';
  return null;
}

export function deleteSnapshot(set: SnapshotSet, id: number): void {
  const s = findSnapshot(set, id);
  if (!s) return;
  const parent = findSnapshot(set, s.parent);
  if (parent) parent.children = parent.children.filter((c) => c !== id);
  set.list = set.list.filter((x) => x.id !== id);
}
