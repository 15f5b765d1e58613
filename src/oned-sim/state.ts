// The simulator's database: every pool, the ACL rules, the request counter and the per-process
// settings that documents depend on. Everything it holds was created by seeding or by a call, and
// each pool has a maximum size, so memory is bounded.
import { Pool } from './pool.js';
import type { Usage } from './usage.js';
import type {
  AclRec,
  BackupJobRec,
  DocumentRec,
  MarketAppRec,
  VmGroupRec,
  VnTemplateRec,
  VrouterRec,
  ClusterRec,
  DatastoreRec,
  GroupRec,
  HostRec,
  ImageRec,
  MarketRec,
  SecGroupRec,
  UserRec,
  VdcRec,
  VmRec,
  VmTemplateRec,
  VnetRec,
  ZoneRec,
} from './records.js';

export interface StateLimits {
  /** Maximum VMs (seeded + allocated). */
  readonly vms: number;
  /** Maximum objects in every other pool. */
  readonly objects: number;
}

export class SimState {
  readonly users: Pool<UserRec>;
  readonly groups: Pool<GroupRec>;
  readonly clusters: Pool<ClusterRec>;
  readonly hosts: Pool<HostRec>;
  readonly datastores: Pool<DatastoreRec>;
  readonly images: Pool<ImageRec>;
  readonly templates: Pool<VmTemplateRec>;
  readonly vnets: Pool<VnetRec>;
  readonly vms: Pool<VmRec>;
  readonly zones: Pool<ZoneRec>;
  readonly secgroups: Pool<SecGroupRec>;
  readonly vdcs: Pool<VdcRec>;
  readonly markets: Pool<MarketRec>;
  readonly acls: Pool<AclRec>;
  readonly vntemplates: Pool<VnTemplateRec>;
  readonly vmgroups: Pool<VmGroupRec>;
  readonly vrouters: Pool<VrouterRec>;
  readonly marketapps: Pool<MarketAppRec>;
  readonly backupjobs: Pool<BackupJobRec>;
  readonly documents: Pool<DocumentRec>;
  /** PENDING VMs waiting for the scheduler. */
  readonly pending = new Set<number>();
  /** oned's request id counter (HISTORY/REQUEST_ID, LOCK/REQ_ID). */
  private reqSeq = 7000;
  /** Scheduled actions are one pool in oned: their ids are global. */
  private schedSeq = 0;
  /** Bumped on every VM change, so figures derived from all VMs (quota usage) can be cached. */
  vmVersion = 0;
  usageCache: { readonly version: number; readonly usage: Usage } | null = null;

  constructor(
    /** What one.system.version answers. */
    readonly version: string,
    limits: StateLimits,
  ) {
    const n = limits.objects;
    this.users = new Pool(2, n);
    this.groups = new Pool(100, n);
    this.clusters = new Pool(100, n);
    this.hosts = new Pool(0, n);
    this.datastores = new Pool(100, n);
    this.images = new Pool(0, n);
    this.templates = new Pool(0, n);
    this.vnets = new Pool(0, n);
    this.vms = new Pool(0, limits.vms);
    this.zones = new Pool(100, n);
    this.secgroups = new Pool(100, n);
    this.vdcs = new Pool(100, n);
    this.markets = new Pool(100, n);
    this.acls = new Pool(0, n);
    this.vntemplates = new Pool(0, n);
    this.vmgroups = new Pool(0, n);
    this.vrouters = new Pool(0, n);
    this.marketapps = new Pool(0, n);
    this.backupjobs = new Pool(0, n);
    this.documents = new Pool(0, n);
  }

  nextSchedId(): number {
    return this.schedSeq++;
  }

  nextRequestId(): number {
    return ++this.reqSeq;
  }

  userName(uid: number): string {
    return this.users.get(uid)?.name ?? '';
  }

  groupName(gid: number): string {
    return this.groups.get(gid)?.name ?? '';
  }

  userByName(name: string): UserRec | undefined {
    return this.users.find((u) => u.name === name);
  }

  /** Drops a VM's cached pool bodies after any change to it. */
  touchVm(vm: VmRec): void {
    vm.cache.short = null;
    vm.cache.extended = null;
    this.vmVersion++;
  }

  /** After a change that shows in every VM body (a user or group renamed). */
  touchAllVms(): void {
    for (const vm of this.vms.list()) this.touchVm(vm);
  }
}
