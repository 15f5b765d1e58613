// One VM as the list shows it, computed once per refresh from Sunstone's JSON (a VM_POOL entry or
// GET /vm/:id). `key` is a signature of everything shown, so a refresh can keep the old object when
// nothing changed and the row is not re-rendered (ui.md: refreshes patch rows).
import { vmStateName } from '../../one/vm-states.js';
import { child, num, objectList, text, type OneJsonObject } from './one-json.js';

export interface VmSummary {
  readonly id: string;
  readonly idNum: number;
  readonly name: string;
  readonly owner: string;
  readonly group: string;
  /** oned's state name (LCM state when ACTIVE): RUNNING, POWEROFF, SHUTDOWN_POWEROFF ... */
  readonly state: string;
  /** HOSTNAME of the last HISTORY record; '' when the VM was never deployed. */
  readonly host: string;
  readonly ips: readonly string[];
  readonly cpu: number | null;
  readonly memoryMiB: number | null;
  readonly key: string;
  /** Lower-case text the filter box searches. */
  readonly haystack: string;
}

/** NIC and NIC_ALIAS attributes that hold addresses (IPv4, and the IPv6 forms oned fills in). */
const IP_KEYS = ['IP', 'IP6', 'IP6_GLOBAL', 'IP6_ULA', 'EXTERNAL_IP'] as const;

function ipsOf(template: OneJsonObject | undefined): string[] {
  const seen = new Set<string>();
  for (const nic of [...objectList(template?.NIC), ...objectList(template?.NIC_ALIAS)]) {
    for (const key of IP_KEYS) {
      const ip = text(nic, key);
      if (ip !== '') seen.add(ip);
    }
  }
  return [...seen];
}

function lastHost(vm: OneJsonObject): string {
  const records = objectList(child(vm, 'HISTORY_RECORDS')?.HISTORY);
  return text(records[records.length - 1], 'HOSTNAME');
}

export function summariseVm(vm: OneJsonObject): VmSummary {
  const template = child(vm, 'TEMPLATE');
  const id = text(vm, 'ID');
  const name = text(vm, 'NAME');
  const owner = text(vm, 'UNAME');
  const group = text(vm, 'GNAME');
  const state = vmStateName(num(vm, 'STATE') ?? -1, num(vm, 'LCM_STATE') ?? -1);
  const host = lastHost(vm);
  const ips = ipsOf(template);
  const cpu = num(template, 'CPU');
  const memoryMiB = num(template, 'MEMORY');
  const key = [id, name, owner, group, state, host, ips.join(','), cpu, memoryMiB].join('\u0001');
  const haystack = [id, name, owner, group, state, host, ...ips].join(' ').toLowerCase();
  return {
    id,
    idNum: Number(id),
    name,
    owner,
    group,
    state,
    host,
    ips,
    cpu,
    memoryMiB,
    key,
    haystack,
  };
}

/**
 * A fresh list merged into the previous one: unchanged VMs keep their old object (same identity),
 * so only rows that changed render again. Order follows `next`.
 */
export function patchSummaries(prev: readonly VmSummary[], next: readonly VmSummary[]): VmSummary[] {
  const old = new Map(prev.map((vm) => [vm.id, vm]));
  return next.map((vm) => {
    const before = old.get(vm.id);
    return before !== undefined && before.key === vm.key ? before : vm;
  });
}

/** `prev` with one VM replaced (or left alone when unchanged; appended when new). */
export function replaceSummary(prev: readonly VmSummary[], vm: VmSummary): readonly VmSummary[] {
  const i = prev.findIndex((p) => p.id === vm.id);
  if (i === -1) return [...prev, vm];
  if (prev[i]?.key === vm.key) return prev;
  const copy = prev.slice();
  copy[i] = vm;
  return copy;
}
