// Backup jobs (reference oned-xmlrpc.md §2.10 "other families"; backupjob.xsd): allocate (NAME;
// BACKUP_VMS, DATASTORE_ID... in the template; PRIORITY 50), priority (0-99, above 50 for
// administrators only), backup (its VMs are BACKING_UP until each backup ends, VMs that cannot be
// backed up now go to ERROR_VMS), cancel, retry (the ERROR_VMS again), scheduled actions, and the
// generic info, update, rename, chown, chmod, lock, unlock, delete and pool.
import { OP } from '../authz.js';
import { fail, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { BackupJobRec } from '../records.js';
import { backupJobVms, backupJobXml } from '../xml/backupjob.js';
import { backupVm, canBackup } from './backup-run.js';
import { allocTemplate, fetchAuthorized, newOwned, ownedKind } from './common.js';
import { ownedOps, type KindModule } from './generic.js';
import { schedMethods } from './sched-actions.js';

export const BACKUPJOB_KIND = ownedKind<BackupJobRec>({
  authType: 'BACKUPJOB',
  objectName: 'backup job',
  pool: (s) => s.backupjobs,
  xml: (ctx, j) => backupJobXml(ctx.sim.state, j),
  template: (j) => j.template,
  unique: 'owner',
});

/** Backs up `vms` of the job into its datastore; the others of the list are left alone. */
function run(ctx: CallContext, j: BackupJobRec, vms: readonly number[]): void {
  const state = ctx.sim.state;
  const dsId = Number(j.template.get('DATASTORE_ID') ?? -1);
  const ds = state.datastores.get(dsId) ?? state.datastores.find((d) => d.type === 3);
  if (!ds || ds.type !== 3)
    throw fail(ONED.ACTION, ctx.method, 'The backup job has no backup datastore', j.id);
  const started = ctx.sim.now();
  j.lastBackupTime = started;
  j.errors = j.errors.filter((id) => !vms.includes(id));
  for (const id of vms) {
    const vm = state.vms.get(id);
    if (!vm || !canBackup(vm)) {
      j.errors = [...new Set([...j.errors, id])];
      continue;
    }
    j.backingUp = [...new Set([...j.backingUp, id])];
    j.outdated = j.outdated.filter((x) => x !== id);
    backupVm(ctx, vm, ds, () => {
      j.backingUp = j.backingUp.filter((x) => x !== id);
      j.lastBackupDuration = Math.max(0, ctx.sim.now() - started);
    });
  }
}

export const backupJobMethods: Record<string, MethodSpec> = {
  'one.backupjob.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const { t, name } = allocTemplate(ctx, BACKUPJOB_KIND, args.str(0));
      if (!t.has('BACKUP_VMS')) t.set('BACKUP_VMS', '');
      const id = state.backupjobs.nextId();
      const job: BackupJobRec = {
        ...newOwned(ctx, id, name),
        priority: 50,
        lastBackupTime: 0,
        lastBackupDuration: 0,
        schedActions: [],
        outdated: [],
        backingUp: [],
        errors: [],
        template: t,
      };
      job.outdated = backupJobVms(job);
      state.backupjobs.insert(job);
      return id;
    },
  },
  'one.backupjob.priority': {
    params: 'ii',
    handler: (ctx, args) => {
      const [id, priority] = [args.int(0), args.int(1)];
      const j = fetchAuthorized(ctx, BACKUPJOB_KIND, id, OP.MANAGE);
      if (priority < 0 || priority > 99)
        throw fail(ONED.ACTION, ctx.method, 'Priority must be in range [0, 99]', id);
      if (priority > 50 && !ctx.who.admin)
        throw fail(ONED.AUTHORIZATION, ctx.method, 'Only administrators can set priority > 50', id);
      j.priority = priority;
      return id;
    },
  },
  'one.backupjob.backup': {
    params: 'i',
    handler: (ctx, args) => {
      const j = fetchAuthorized(ctx, BACKUPJOB_KIND, args.int(0), OP.MANAGE);
      const vms = backupJobVms(j);
      if (vms.length > 0) run(ctx, j, vms);
      return j.id;
    },
  },
  'one.backupjob.cancel': {
    params: 'i',
    handler: (ctx, args) => {
      const j = fetchAuthorized(ctx, BACKUPJOB_KIND, args.int(0), OP.MANAGE);
      j.outdated = [...new Set([...j.outdated, ...j.backingUp])];
      j.backingUp = [];
      return j.id;
    },
  },
  'one.backupjob.retry': {
    params: 'i',
    handler: (ctx, args) => {
      const j = fetchAuthorized(ctx, BACKUPJOB_KIND, args.int(0), OP.MANAGE);
      if (j.errors.length > 0) run(ctx, j, j.errors);
      return j.id;
    },
  },
  ...schedMethods('backupjob', {
    kind: BACKUPJOB_KIND,
    type: 'BACKUPJOB',
    list: (j) => j.schedActions,
    set: (j, list) => {
      j.schedActions = list;
    },
  }),
};

export const backupJobModule: KindModule = {
  rpc: 'backupjob',
  ops: ownedOps(BACKUPJOB_KIND),
  methods: backupJobMethods,
};
