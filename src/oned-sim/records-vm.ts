// The VM record: its state, templates, history records, leases, scheduled actions, disk
// snapshots and backups (reference oned-xmlrpc.md §3, §4.2). The XML is derived in xml/vm.ts.
import type { Owned } from './records.js';
import type { SnapshotSet } from './snapshots.js';
import type { Template } from './template.js';

export interface HistoryRec {
  seq: number;
  hostname: string;
  hid: number;
  cid: number;
  stime: number;
  etime: number;
  vmMad: string;
  tmMad: string;
  dsId: number;
  pstime: number;
  petime: number;
  rstime: number;
  retime: number;
  estime: number;
  eetime: number;
  /** The VMActions number that closed (or is closing) the record. */
  action: number;
  uid: number;
  gid: number;
  reqId: number;
}

export interface NicLease {
  vnetId: number;
  arId: number;
  index: number;
}

export interface VmRec extends Owned {
  state: number;
  lcm: number;
  prevState: number;
  prevLcm: number;
  resched: number;
  stime: number;
  etime: number;
  deployId: string;
  /** System part of the template (TEMPLATE) and the user's part (USER_TEMPLATE). */
  template: Template;
  userTemplate: Template;
  history: HistoryRec[];
  /** Capacity the VM asks for: CPU (cores, may be fractional) and MEMORY (MB). */
  cpu: number;
  memory: number;
  /** Host whose capacity the VM holds, or -1. */
  hostId: number;
  /** Epoch seconds of the last monitoring sample, 0 = never monitored. */
  lastPoll: number;
  leases: NicLease[];
  imageIds: number[];
  /** Clusters the VM may run in (from its networks), or null for any. */
  clusters: number[] | null;
  /** Scheduled actions (one.vm.schedadd), shown in one.vm.info only. */
  schedActions?: SchedActionRec[];
  /** Disk snapshots per DISK_ID (the SNAPSHOTS blocks after HISTORY_RECORDS). */
  diskSnapshots?: Map<number, SnapshotSet>;
  /** Backup images of the VM (BACKUPS/BACKUP_IDS) and its BACKUP_CONFIG. */
  backupIds?: number[];
  backupConfig?: Map<string, string>;
  /** Serialised bodies for the pool answers, already escaped for an XML-RPC <string>;
   * dropped on every change (the pool of 20,000 VMs is never re-serialised as a whole). */
  cache: { short: string | null; extended: string | null };
}

/** A scheduled action of a VM or a backup job (shared.xsd SCHED_ACTION). */
export interface SchedActionRec {
  readonly id: number;
  readonly parentId: number;
  readonly type: 'VM' | 'BACKUPJOB';
  action: string;
  args: string;
  time: string;
  repeat: number;
  days: string;
  endType: number;
  endValue: number;
  done: number;
  message: string;
  warning: number;
}
