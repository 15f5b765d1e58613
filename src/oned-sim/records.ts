// The simulator's in-memory objects, one interface per kind oned serves. Ownership and
// permission bits live here as oned keeps them (PoolObjectSQL); the XML is derived in xml/*.
import type { NicLease, SchedActionRec } from './records-vm.js';
import type { SnapshotSet } from './snapshots.js';
import type { Template } from './template.js';

export type { HistoryRec, NicLease, SchedActionRec, VmRec } from './records-vm.js';

/** The nine permission bits, OWNER/GROUP/OTHER x USE/MANAGE/ADMIN, as an octal number (0o600 = um- --- ---). */
export const PERM = {
  OWNER_U: 0o400,
  OWNER_M: 0o200,
  OWNER_A: 0o100,
  GROUP_U: 0o040,
  GROUP_M: 0o020,
  GROUP_A: 0o010,
  OTHER_U: 0o004,
  OTHER_M: 0o002,
  OTHER_A: 0o001,
} as const;

export interface Lock {
  locked: number;
  owner: number;
  time: number;
  reqId: number;
}

/** What authorization needs to know about any object (oned's PoolObjectAuth). */
export interface Owned {
  readonly id: number;
  uid: number;
  gid: number;
  name: string;
  perms: number;
  lock: Lock | null;
}

export interface LoginToken {
  token: string;
  /** Epoch seconds, or -1 for never. */
  expires: number;
  egid: number;
}

/** Quota limits set with one.user.quota / one.group.quota, as given ("-1" default, "-2" unlimited).
 * Usage is computed, never stored. */
export interface QuotaLimits {
  /** CPU, MEMORY, VMS, RUNNING_CPU, RUNNING_MEMORY, RUNNING_VMS, SYSTEM_DISK_SIZE. */
  vm: Map<string, string> | null;
  /** Datastore id -> IMAGES, SIZE. */
  datastore: Map<number, Map<string, string>>;
  /** Network id -> LEASES. */
  network: Map<number, Map<string, string>>;
  /** Image id -> RVMS. */
  image: Map<number, Map<string, string>>;
}

export interface UserRec {
  readonly id: number;
  name: string;
  gid: number;
  /** All groups, primary included, ascending (a std::set in oned). */
  groups: number[];
  /** Stored PASSWORD: SHA-256 hex for core, the given string for other drivers. */
  password: string;
  driver: string;
  enabled: boolean;
  template: Template;
  tokens: LoginToken[];
  /** oned's one cached session secret per user (§5.1 step 6). */
  session: { secret: string; since: number } | null;
  quotas?: QuotaLimits;
}

export interface GroupRec {
  readonly id: number;
  name: string;
  template: Template;
  admins: number[];
  quotas?: QuotaLimits;
}

export interface ClusterRec {
  readonly id: number;
  name: string;
  template: Template;
}

export interface HostRec {
  readonly id: number;
  name: string;
  /** 0 INIT, 2 MONITORED, 3 ERROR, 4 DISABLED, 8 OFFLINE. */
  state: number;
  prevState: number;
  imMad: string;
  vmMad: string;
  clusterId: number;
  template: Template;
  /** CPU in percent (100 per core), memory in KiB, as HOST_SHARE has them. */
  totalCpu: number;
  totalMem: number;
  cpuUsage: number;
  memUsage: number;
  /** VMs holding capacity on the host. */
  vms: Set<number>;
  /** Disk of the host's system datastore, MB. */
  maxDisk: number;
  /** The NUMA_NODES block, which only changes with the host's size (hundreds of cores make it
   * the bulk of a host document). */
  numaCache?: { readonly key: string; readonly xml: string };
}

export interface DatastoreRec extends Owned {
  dsMad: string;
  tmMad: string;
  basePath: string;
  /** 0 IMAGE_DS, 1 SYSTEM_DS, 2 FILE_DS. */
  type: number;
  diskType: number;
  state: number;
  clusters: number[];
  totalMb: number;
  freeMb: number;
  usedMb: number;
  template: Template;
}

/** What a backup image holds (one.vm.backup), so one.image.restore can rebuild the VM. */
export interface BackupContent {
  readonly vmId: number;
  readonly vmName: string;
  /** The VM's template at backup time (CPU, MEMORY, DISK, NIC...). */
  readonly template: Template;
  readonly disks: ReadonlyArray<{ readonly diskId: number; readonly size: number; readonly format: string }>;
}

export interface ImageRec extends Owned {
  /** 0 OS, 1 CDROM, 2 DATABLOCK, 3 KERNEL, 4 RAMDISK, 5 CONTEXT, 6 BACKUP. */
  type: number;
  diskType: number;
  persistent: boolean;
  regtime: number;
  source: string;
  path: string;
  format: string;
  fs: string;
  size: number;
  /** 1 READY, 2 USED, 3 DISABLED, 4 LOCKED, 5 ERROR, 6 CLONE, 7 DELETE, 8 USED_PERS. */
  state: number;
  prevState: number;
  datastoreId: number;
  vms: Set<number>;
  template: Template;
  snapshots?: SnapshotSet;
  /** Images being cloned from this one (CLONES; CLONING_OPS is their count). */
  clones?: number[];
  /** The image this one is being cloned from (CLONING_ID). */
  cloningId?: number;
  backup?: BackupContent;
}

export interface VmTemplateRec extends Owned {
  regtime: number;
  template: Template;
}

export interface AddressRange {
  readonly id: number;
  readonly type: 'IP4' | 'ETHER';
  /** First IPv4 address as an unsigned 32-bit number (IP4 ranges only). */
  readonly ip: number | null;
  /** First MAC address as a 48-bit number. */
  readonly mac: number;
  size: number;
  /** Lease index -> owner: a VM id, -1 for an address on hold, or a reservation network
   * (address.ts netOwner). */
  readonly leases: Map<number, number>;
  /** Other attributes of the range as given (GATEWAY, PARENT_NETWORK_AR_ID...). */
  attrs?: Map<string, string>;
  /** Where the search for a free lease starts (leases are handed out in order). */
  cursor: number;
}

export interface VnetRec extends Owned {
  clusters: number[];
  bridge: string;
  bridgeType: string;
  /** 0 INIT, 1 READY, 2 LOCK_CREATE, 3 LOCK_DELETE, 4 DONE, 5 ERROR. */
  state: number;
  prevState: number;
  vnMad: string;
  phydev: string;
  vlanId: string;
  template: Template;
  ars: AddressRange[];
  /** The network a reservation was taken from (PARENT_NETWORK_ID). */
  parentId?: number;
}

export interface ZoneRec {
  readonly id: number;
  name: string;
  state: number;
  template: Template;
}

export interface SecGroupRec extends Owned {
  template: Template;
  /** VMs whose rules are being brought up to date (a commit in progress). */
  updating?: number[];
}

export interface VdcRec {
  readonly id: number;
  name: string;
  groups: number[];
  /** [zone, cluster] pairs; cluster -10 means every cluster of the zone. */
  clusters: Array<[number, number]>;
  /** [zone, id] pairs of single hosts, datastores and networks (-10 = all of the zone). */
  hosts: Array<[number, number]>;
  datastores: Array<[number, number]>;
  vnets: Array<[number, number]>;
  template: Template;
}

export interface MarketRec extends Owned {
  state: number;
  marketMad: string;
  zoneId: number;
  template: Template;
}

export interface VnTemplateRec extends Owned {
  regtime: number;
  template: Template;
}

export interface VmGroupRole {
  readonly id: number;
  name: string;
  /** AFFINED, ANTI_AFFINED or NONE. */
  policy: string;
  hostAffined: string;
  hostAntiAffined: string;
}

export interface VmGroupRec extends Owned {
  roles: VmGroupRole[];
  template: Template;
}

export interface VrouterRec extends Owned {
  /** VMs instantiated for the router. */
  vms: number[];
  /** The router's NICs (with their leases) live in the template, as oned keeps them. */
  template: Template;
  leases: NicLease[];
}

export interface MarketAppRec extends Owned {
  regtime: number;
  originId: number;
  source: string;
  md5: string;
  /** MB. */
  size: number;
  description: string;
  version: string;
  format: string;
  appTemplate64: string;
  marketId: number;
  /** 0 INIT, 1 READY, 2 LOCKED, 3 ERROR, 4 DISABLED. */
  state: number;
  /** 0 UNKNOWN, 1 IMAGE, 2 VMTEMPLATE, 3 SERVICE_TEMPLATE. */
  type: number;
  zoneId: number;
  template: Template;
}

export interface BackupJobRec extends Owned {
  priority: number;
  lastBackupTime: number;
  lastBackupDuration: number;
  schedActions: SchedActionRec[];
  outdated: number[];
  backingUp: number[];
  errors: number[];
  template: Template;
}

export interface DocumentRec extends Owned {
  /** 100 OneFlow service, 101 OneFlow service template, or any other client type. */
  readonly type: number;
  template: Template;
}

export interface AclRec {
  readonly id: number;
  readonly user: bigint;
  readonly resource: bigint;
  readonly rights: bigint;
  readonly zone: bigint;
}
