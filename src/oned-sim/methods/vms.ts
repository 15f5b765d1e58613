// Virtual machines (reference oned-xmlrpc.md §2.4, §3): allocate, action, monitoring and the
// generic info, update (USER_TEMPLATE), rename, chown, chmod, lock and unlock here; placement
// (deploy, migrate), recover, disks, NICs, snapshots, resize/updateconf, scheduled actions and
// backups in their own modules.
import { authorize, OP } from '../authz.js';
import { fail, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { vmSample, vmSampleTimes } from '../monitoring.js';
import { performAction } from '../action-transitions.js';
import { actionRefusal, VM_ACTIONS } from '../vm-actions.js';
import { createVm } from '../vm-factory.js';
import { fetchAuthorized, parseOrFail } from './common.js';
import { ownedOps, type KindModule } from './generic.js';
import { schedMethods } from './sched-actions.js';
import { vmBackupMethods } from './vm-backup.js';
import { vmConfMethods } from './vm-conf.js';
import { vmDiskMethods } from './vm-disks.js';
import { requester, VM_KIND } from './vm-kind.js';
import { vmNicMethods } from './vm-nics.js';
import { vmPlacementMethods } from './vm-placement.js';
import { vmRecoverMethods } from './vm-recover.js';
import { vmSnapshotMethods } from './vm-snapshots.js';

export { VM_KIND, vmInfoXml } from './vm-kind.js';

/** How many samples one.vm.monitoring returns (oned keeps VM_MONITORING_EXPIRATION_TIME of them). */
const VM_MONITORING_RECORDS = 40;

/** VM_ADMIN_OPERATIONS of a stock oned.conf; everything else one.vm.action does is MANAGE. */
const ADMIN_ACTIONS = new Set(['resched', 'unresched']);

function action(ctx: CallContext, name: string, id: number): number {
  const op = ADMIN_ACTIONS.has(name) ? OP.ADMIN : OP.MANAGE;
  const vm = fetchAuthorized(ctx, VM_KIND, id, op);
  if (!VM_ACTIONS.has(name)) throw fail(ONED.ACTION, ctx.method, `Action "${name}" is not supported`, id);
  const refusal = actionRefusal(vm, name);
  if (refusal) throw fail(ONED.ACTION, ctx.method, `Error performing action "${name}": ${refusal}`, id);
  performAction(ctx.sim.lifecycle, vm, name, requester(ctx));
  return id;
}

export const vmMethods: Record<string, MethodSpec> = {
  'one.vm.allocate': {
    params: 's',
    optional: ['b'],
    handler: (ctx, args) => {
      authorize(ctx.sim.state, ctx.method, ctx.who, [['VM', null, OP.CREATE]]);
      const t = parseOrFail(ctx.method, args.str(0));
      const vm = createVm(ctx, t, { uid: ctx.who.uid, gid: ctx.who.gid, hold: args.bool(1, false) });
      return vm.id;
    },
  },
  'one.vm.action': { params: 'si', handler: (ctx, args) => action(ctx, args.str(0), args.int(1)) },
  'one.vm.monitoring': {
    params: 'i',
    handler: (ctx, args) => {
      const vm = fetchAuthorized(ctx, VM_KIND, args.int(0), OP.USE, { ignoreLock: true });
      let s = '<MONITORING_DATA>';
      for (const t of vmSampleTimes(vm, ctx.sim.now(), VM_MONITORING_RECORDS))
        s += `<MONITORING>${vmSample(ctx.sim.seed, vm, t)}</MONITORING>`;
      return XmlDoc.of(`${s}</MONITORING_DATA>`);
    },
  },
  ...vmPlacementMethods,
  ...vmRecoverMethods,
  ...vmDiskMethods,
  ...vmNicMethods,
  ...vmSnapshotMethods,
  ...vmConfMethods,
  ...vmBackupMethods,
  ...schedMethods('vm', {
    kind: VM_KIND,
    type: 'VM',
    list: (vm) => vm.schedActions ?? [],
    set: (vm, list) => {
      vm.schedActions = list;
    },
  }),
};

export const vmModule: KindModule = { rpc: 'vm', ops: ownedOps(VM_KIND), methods: vmMethods };
