// one.vm.backup(id, ds_id, reset) (reference oned-xmlrpc.md §2.4): VM:ADMIN (oned.conf's
// VM_ADMIN_OPERATIONS) and USE on a backup datastore (-1: the one of the last backup); RUNNING or
// POWEROFF VMs only. Answers the VM id, as oned does; the image is in the VM's BACKUPS.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { backupVm, canBackup } from './backup-run.js';
import { fetchAuthorized } from './common.js';
import { requester, VM_KIND, wrongState } from './vm-kind.js';

export const vmBackupMethods: Record<string, MethodSpec> = {
  'one.vm.backup': {
    params: 'ii',
    optional: ['b'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const [id, given] = [args.int(0), args.int(1)];
      const vm = fetchAuthorized(ctx, VM_KIND, id, OP.ADMIN);
      const last = Number(vm.backupConfig?.get('LAST_DATASTORE_ID') ?? -1);
      const dsId = given >= 0 ? given : last;
      if (dsId < 0)
        throw fail(
          ONED.ACTION,
          ctx.method,
          'No backup datastore given, and the VM has no previous backup',
          id,
        );
      const ds = getOr(state.datastores.get(dsId), ctx.method, 'datastore', dsId);
      authorize(
        state,
        ctx.method,
        ctx.who,
        [
          [
            'DATASTORE',
            { id: ds.id, uid: ds.uid, gid: ds.gid, perms: ds.perms, clusters: ds.clusters },
            OP.USE,
          ],
        ],
        id,
      );
      if (ds.type !== 3)
        throw fail(ONED.ACTION, ctx.method, `Datastore ${dsId} is not a backup datastore`, id);
      if (!canBackup(vm)) throw wrongState(ctx, vm, `Could not backup VM ${id}`);
      ctx.sim.lifecycle.noteAction(vm, 'backup', requester(ctx));
      backupVm(ctx, vm, ds);
      return id;
    },
  },
};
