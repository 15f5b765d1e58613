// VM listings (reference oned-xmlrpc.md §2.4): one.vmpool.info (short bodies), infoextended
// (full bodies, last history only) and monitoring. Bodies come from each VM's cache, so a page of
// 200 out of 20,000 VMs costs a filter pass and 200 string joins.
import { escapeXmlText } from '../../one/codec.js';
import { fail, XmlDoc, type CallContext, type MethodSpec, type Args } from '../call.js';
import { ONED } from '../errors.js';
import { vmSample, vmSampleTimes } from '../monitoring.js';
import { filterPredicate, selectRange } from '../pool-filter.js';
import type { VmRec } from '../records.js';
import { S } from '../vm-codes.js';
import { historyXml, vmExtendedEscaped, vmFullXml, vmShortEscaped } from '../xml/vm.js';

/** Records per VM in one.vmpool.monitoring: 0 = the last one; otherwise at most this many. */
const POOL_MONITORING_RECORDS = 4;

function selectVms(ctx: CallContext, args: Args): VmRec[] {
  const stateFilter = args.int(3);
  const pred = filterPredicate(ctx.sim.state, ctx.method, ctx.who, 'VM', args.int(0));
  if (stateFilter < -2 || stateFilter > 11)
    throw fail(ONED.XML_RPC_API, ctx.method, 'Incorrect filter_flag, state');
  if (args.str(4, '') !== '')
    throw fail(ONED.INTERNAL, ctx.method, 'JSON query search is not supported by the SQL backend');
  const stateOk =
    stateFilter === -2
      ? () => true
      : stateFilter === -1
        ? (vm: VmRec) => vm.state !== S.DONE
        : (vm: VmRec) => vm.state === stateFilter;
  return selectRange(
    ctx.sim.state.vms.list(),
    { start: args.int(1), end: args.int(2) },
    ctx.sim.settings.desc,
    (vm) => stateOk(vm) && pred(vm),
  );
}

function poolDoc(parts: string[]): XmlDoc {
  return new XmlDoc(`${escapeXmlText('<VM_POOL>')}${parts.join('')}${escapeXmlText('</VM_POOL>')}`);
}

export const vmPoolMethods: Record<string, MethodSpec> = {
  'one.vmpool.info': {
    params: 'iiii',
    optional: ['s'],
    handler: (ctx, args) => poolDoc(selectVms(ctx, args).map((vm) => vmShortEscaped(ctx.sim.state, vm))),
  },
  'one.vmpool.infoextended': {
    params: 'iiii',
    optional: ['s'],
    handler: (ctx, args) => poolDoc(selectVms(ctx, args).map((vm) => vmExtendedEscaped(ctx.sim.state, vm))),
  },
  // HISTORY_RECORDS of every visible VM's history records open in [start, end] (-1 = open), each
  // with the VM's body (without its own history) inside, as acct.xsd describes.
  'one.vmpool.accounting': {
    params: 'iii',
    handler: (ctx, args) => {
      const pred = filterPredicate(ctx.sim.state, ctx.method, ctx.who, 'VM', args.int(0));
      const [start, end] = [args.int(1), args.int(2)];
      const parts: string[] = ['<HISTORY_RECORDS>'];
      for (const vm of ctx.sim.state.vms.list()) {
        if (vm.history.length === 0 || !pred(vm)) continue;
        let body: string | null = null;
        for (const h of vm.history) {
          if (start !== -1 && h.etime !== 0 && h.etime < start) continue;
          if (end !== -1 && h.stime > end) continue;
          body ??= vmFullXml(ctx.sim.state, vm, { monitoring: '', lastPoll: 0, history: 'none' });
          parts.push(historyXml(vm, h, body));
        }
      }
      parts.push('</HISTORY_RECORDS>');
      return XmlDoc.of(parts.join(''));
    },
  },
  'one.vmpool.monitoring': {
    params: 'i',
    optional: ['i'],
    handler: (ctx, args) => {
      const seconds = args.int(1, -1);
      const pred = filterPredicate(ctx.sim.state, ctx.method, ctx.who, 'VM', args.int(0));
      const now = ctx.sim.now();
      const parts: string[] = ['<MONITORING_DATA>'];
      for (const vm of ctx.sim.state.vms.list()) {
        if (vm.lastPoll === 0 || !pred(vm)) continue;
        let times = vmSampleTimes(vm, now, seconds === 0 ? 1 : POOL_MONITORING_RECORDS);
        if (seconds > 0) times = times.filter((t) => t > now - seconds);
        for (const t of times) parts.push(`<MONITORING>${vmSample(ctx.sim.seed, vm, t)}</MONITORING>`);
      }
      parts.push('</MONITORING_DATA>');
      return XmlDoc.of(parts.join(''));
    },
  },
};
