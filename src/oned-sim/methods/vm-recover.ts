// one.vm.recover(id, op) (reference oned-xmlrpc.md §2.4), VM:ADMIN: 0 failure, 1 success and
// 2 retry act on the driver operation an ACTIVE VM waits for (recovery.ts); 3 delete ends the VM
// whatever its state; 4 delete-recreate sends it back to PENDING with its id, leases and disks;
// 5 delete-db ends it without any driver.
import { OP } from '../authz.js';
import { fail, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { recoverDriver } from '../recovery.js';
import { S } from '../vm-codes.js';
import { fetchAuthorized } from './common.js';
import { stateName, VM_KIND } from './vm-kind.js';

const RECREATABLE = new Set<number>([S.ACTIVE, S.POWEROFF, S.SUSPENDED, S.STOPPED, S.UNDEPLOYED]);
const DRIVER_STATES = new Set<number>([S.ACTIVE, S.CLONING, S.CLONING_FAILURE]);

export const vmRecoverMethods: Record<string, MethodSpec> = {
  'one.vm.recover': {
    params: 'ii',
    handler: (ctx, args) => {
      const [id, op] = [args.int(0), args.int(1)];
      const vm = fetchAuthorized(ctx, VM_KIND, id, OP.ADMIN);
      const lc = ctx.sim.lifecycle;
      if (op < 0 || op > 5) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong recover operation code', id);
      const refuse = (): Error =>
        fail(ONED.ACTION, ctx.method, `Recover action is not available for state ${stateName(vm)}`, id);
      if (op === 3 || op === 5) {
        lc.forceDone(vm);
        return id;
      }
      if (op === 4) {
        if (!RECREATABLE.has(vm.state)) throw refuse();
        lc.takeStep(vm);
        lc.takeFailed(vm);
        lc.stopMonitoring(vm);
        lc.closeHistory(vm);
        lc.releaseCapacity(vm);
        vm.deployId = '';
        lc.setState(vm, S.PENDING);
        return id;
      }
      if (!DRIVER_STATES.has(vm.state)) throw refuse();
      recoverDriver(lc, vm, op);
      return id;
    },
  },
};
