// one.vmpool.showback(filter, first_month, first_year, last_month, last_year) (reference
// oned-xmlrpc.md §2.4; showback.xsd): monthly cost records per VM. oned serves what an administrator's
// one.vmpool.calculateshowback stored; the simulator works the records out when asked, from each
// VM's history records and its template's CPU_COST (per CPU hour) and MEMORY_COST (per MB hour),
// 0 when unset as in a stock oned.conf (DEFAULT_COST). -1 leaves an end of the range open.
import { XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { filterPredicate } from '../pool-filter.js';
import type { HistoryRec, VmRec } from '../records.js';
import { el } from '../xml/text.js';

const HOUR = 3600;

/** Month index (year*12 + month-1) of an epoch second, in UTC as oned's showback does. */
function monthOf(t: number): number {
  const d = new Date(t * 1000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthStart(m: number): number {
  return Date.UTC(Math.floor(m / 12), m % 12, 1) / 1000;
}

/** Seconds of [from, to) in each month it spans, added to `acc`. */
function addSpan(acc: Map<number, number>, from: number, to: number): void {
  for (let m = monthOf(from); from < to; m++) {
    const end = Math.min(to, monthStart(m + 1));
    acc.set(m, (acc.get(m) ?? 0) + (end - from));
    from = end;
  }
}

function spans(vm: VmRec, now: number, pick: (h: HistoryRec) => [number, number]): Map<number, number> {
  const acc = new Map<number, number>();
  for (const h of vm.history) {
    const [from, to] = pick(h);
    if (from > 0) addSpan(acc, from, to === 0 ? now : to);
  }
  return acc;
}

function cost(vm: VmRec, name: string): number {
  const v = Number(vm.template.get(name) ?? '0');
  return Number.isFinite(v) ? v : 0;
}

function num(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

function showbackXml(ctx: CallContext, vm: VmRec, month: number, seconds: number, running: number): string {
  const hours = seconds / HOUR;
  const cpu = cost(vm, 'CPU_COST') * vm.cpu * hours;
  const memory = cost(vm, 'MEMORY_COST') * vm.memory * hours;
  const state = ctx.sim.state;
  return (
    `<SHOWBACK>${el('VMID', vm.id)}${el('VMNAME', vm.name)}${el('UID', vm.uid)}${el('GID', vm.gid)}` +
    `${el('UNAME', state.userName(vm.uid))}${el('GNAME', state.groupName(vm.gid))}` +
    `${el('YEAR', Math.floor(month / 12))}${el('MONTH', (month % 12) + 1)}` +
    `${el('CPU_COST', num(cpu))}${el('MEMORY_COST', num(memory))}${el('DISK_COST', '0')}` +
    `${el('TOTAL_COST', num(cpu + memory))}${el('HOURS', num(hours))}${el('RHOURS', num(running / HOUR))}</SHOWBACK>`
  );
}

export const showbackMethods: Record<string, MethodSpec> = {
  'one.vmpool.showback': {
    params: 'iiiii',
    handler: (ctx, args) => {
      const pred = filterPredicate(ctx.sim.state, ctx.method, ctx.who, 'VM', args.int(0));
      const [m1, y1, m2, y2] = [args.int(1), args.int(2), args.int(3), args.int(4)];
      const first = m1 === -1 || y1 === -1 ? -Infinity : y1 * 12 + m1 - 1;
      const last = m2 === -1 || y2 === -1 ? Infinity : y2 * 12 + m2 - 1;
      const now = ctx.sim.now();
      const parts: string[] = ['<SHOWBACK_RECORDS>'];
      for (const vm of ctx.sim.state.vms.list()) {
        if (vm.history.length === 0 || !pred(vm)) continue;
        const active = spans(vm, now, (h) => [h.stime, h.etime]);
        const running = spans(vm, now, (h) => [h.rstime, h.retime]);
        for (const [month, seconds] of [...active].sort((a, b) => a[0] - b[0])) {
          if (month < first || month > last) continue;
          parts.push(showbackXml(ctx, vm, month, seconds, running.get(month) ?? 0));
        }
      }
      parts.push('</SHOWBACK_RECORDS>');
      return XmlDoc.of(parts.join(''));
    },
  },
};
