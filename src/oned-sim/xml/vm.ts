// VM documents in oned 6.10's three shapes (reference oned-xmlrpc.md §4.2, oned-samples
// vm_info_*, vmpool_info*):
// - full (one.vm.info): PERMISSIONS, PREV_*, monitoring, every HISTORY record;
// - extended (one.vmpool.infoextended): the full body as the pool dump stores it: LAST_POLL 0,
//   an empty MONITORING and only the last HISTORY record;
// - short (one.vmpool.info): no PERMISSIONS/PREV_*, a reduced TEMPLATE with plain CPU/MEMORY/VCPU,
//   <MONITORING/>, a filtered USER_TEMPLATE and a reduced last HISTORY with CDATA fields.
import { escapeXmlText } from '../../one/codec.js';
import type { HistoryRec, VmRec } from '../records.js';
import type { SimState } from '../state.js';
import { attrXml, vectorBody, type Vector } from '../template.js';
import { lockXml, permissionsXml } from './common.js';
import { schedActionXml } from './sched-action.js';
import { snapshotsXml } from './snapshots.js';
import { cdata, cel, el, ids } from './text.js';

function head(state: SimState, vm: VmRec): string {
  return (
    `<VM><ID>${vm.id}</ID><UID>${vm.uid}</UID><GID>${vm.gid}</GID>` +
    el('UNAME', state.userName(vm.uid)) +
    el('GNAME', state.groupName(vm.gid)) +
    el('NAME', vm.name)
  );
}

export function historyXml(vm: VmRec, h: HistoryRec, inner = ''): string {
  return (
    `<HISTORY><OID>${vm.id}</OID><SEQ>${h.seq}</SEQ>${el('HOSTNAME', h.hostname)}<HID>${h.hid}</HID><CID>${h.cid}</CID>` +
    `<STIME>${h.stime}</STIME><ETIME>${h.etime}</ETIME>${cel('VM_MAD', h.vmMad)}${cel('TM_MAD', h.tmMad)}` +
    `<DS_ID>${h.dsId}</DS_ID><PSTIME>${h.pstime}</PSTIME><PETIME>${h.petime}</PETIME><RSTIME>${h.rstime}</RSTIME>` +
    `<RETIME>${h.retime}</RETIME><ESTIME>${h.estime}</ESTIME><EETIME>${h.eetime}</EETIME><ACTION>${h.action}</ACTION>` +
    `<UID>${h.uid}</UID><GID>${h.gid}</GID><REQUEST_ID>${h.reqId}</REQUEST_ID>${inner}</HISTORY>`
  );
}

function historyRecords(vm: VmRec, which: 'all' | 'last' | 'none'): string {
  if (vm.history.length === 0 || which === 'none') return '<HISTORY_RECORDS/>';
  const list = which === 'all' ? vm.history : vm.history.slice(-1);
  return `<HISTORY_RECORDS>${list.map((h) => historyXml(vm, h)).join('')}</HISTORY_RECORDS>`;
}

export interface FullVmOptions {
  /** Body of <MONITORING> (sorted CDATA attributes), '' when there is none. */
  readonly monitoring: string;
  readonly lastPoll: number;
  /** one.vm.info lists every HISTORY record, the extended pool dump only the last, and the
   * VM inside an accounting record none. */
  readonly history: 'all' | 'last' | 'none';
}

export function vmFullXml(state: SimState, vm: VmRec, opts: FullVmOptions): string {
  return (
    head(state, vm) +
    permissionsXml(vm.perms) +
    `<LAST_POLL>${opts.lastPoll}</LAST_POLL><STATE>${vm.state}</STATE><LCM_STATE>${vm.lcm}</LCM_STATE>` +
    `<PREV_STATE>${vm.prevState}</PREV_STATE><PREV_LCM_STATE>${vm.prevLcm}</PREV_LCM_STATE>` +
    `<RESCHED>${vm.resched}</RESCHED><STIME>${vm.stime}</STIME><ETIME>${vm.etime}</ETIME>` +
    el('DEPLOY_ID', vm.deployId) +
    lockXml(vm.lock) +
    `<MONITORING>${opts.monitoring}</MONITORING>` +
    ids(
      'SCHED_ACTIONS',
      (vm.schedActions ?? []).map((a) => a.id),
    ) +
    // Scheduled actions come last in TEMPLATE, and only in one.vm.info (vm.xsd).
    `<TEMPLATE>${vm.template.body()}${opts.history === 'all' ? (vm.schedActions ?? []).map(schedActionXml).join('') : ''}</TEMPLATE>` +
    vm.userTemplate.xml('USER_TEMPLATE') +
    historyRecords(vm, opts.history) +
    diskSnapshots(vm) +
    backups(vm) +
    '</VM>'
  );
}

function diskSnapshots(vm: VmRec): string {
  if (!vm.diskSnapshots) return '';
  let s = '';
  for (const [diskId, set] of [...vm.diskSnapshots].sort((a, b) => a[0] - b[0]))
    if (set.list.length > 0) s += snapshotsXml(set, { diskId });
  return s;
}

function backups(vm: VmRec): string {
  const conf = vm.backupConfig;
  const config =
    conf && conf.size > 0 ? `<BACKUP_CONFIG>${vectorBody(conf)}</BACKUP_CONFIG>` : '<BACKUP_CONFIG/>';
  return `<BACKUPS>${config}${ids('BACKUP_IDS', vm.backupIds ?? [])}</BACKUPS>`;
}

const SHORT_DISK = ['DATASTORE', 'DATASTORE_ID', 'DISK_ID', 'IMAGE', 'IMAGE_ID', 'SIZE', 'TARGET', 'TYPE'];
const SHORT_NIC = [
  'IP',
  'IP6',
  'IP6_GLOBAL',
  'IP6_LINK',
  'IP6_ULA',
  'MAC',
  'NETWORK',
  'NETWORK_ID',
  'NIC_ID',
  'SECURITY_GROUPS',
];
const SHORT_USER = [
  'LABELS',
  'ERROR',
  'SCHED_MESSAGE',
  'SCHED_RANK',
  'SCHED_DS_RANK',
  'SCHED_REQUIREMENTS',
  'SCHED_DS_REQUIREMENTS',
  'USER_PRIORITY',
];

function reduced(tag: string, v: Vector, keys: readonly string[]): string {
  const r: Vector = new Map();
  for (const k of keys) {
    const val = v.get(k);
    if (val !== undefined) r.set(k, val);
  }
  return `<${tag}>${vectorBody(r)}</${tag}>`;
}

function shortHistory(vm: VmRec): string {
  const h = vm.history[vm.history.length - 1];
  if (!h) return '<HISTORY_RECORDS/>';
  return (
    `<HISTORY_RECORDS><HISTORY><OID>${vm.id}</OID><SEQ>${h.seq}</SEQ><HOSTNAME>${cdata(h.hostname)}</HOSTNAME>` +
    `<HID>${h.hid}</HID><CID>${h.cid}</CID><DS_ID>${h.dsId}</DS_ID>${cel('VM_MAD', h.vmMad)}${cel('TM_MAD', h.tmMad)}` +
    `${cel('ACTION', h.action)}</HISTORY></HISTORY_RECORDS>`
  );
}

function shortUserTemplate(vm: VmRec): string {
  if (vm.userTemplate.size === 0) return '<USER_TEMPLATE/>';
  let s = '<USER_TEMPLATE>';
  for (const name of SHORT_USER) {
    const v = vm.userTemplate.get(name);
    if (v !== undefined && v !== '') s += cel(name, v);
  }
  return `${s}</USER_TEMPLATE>`;
}

export function vmShortXml(state: SimState, vm: VmRec): string {
  const t = vm.template;
  let tmpl = `<TEMPLATE>${el('CPU', t.get('CPU') ?? '')}${el('MEMORY', t.get('MEMORY') ?? '')}${el('VCPU', t.get('VCPU') ?? '')}`;
  for (const d of t.vectors('DISK')) tmpl += reduced('DISK', d, SHORT_DISK);
  for (const n of t.vectors('NIC')) tmpl += reduced('NIC', n, SHORT_NIC);
  const g = t.vector('GRAPHICS');
  if (g) tmpl += attrXml({ name: 'GRAPHICS', vector: g });
  tmpl += '</TEMPLATE>';
  return (
    head(state, vm) +
    `<LAST_POLL>0</LAST_POLL><STATE>${vm.state}</STATE><LCM_STATE>${vm.lcm}</LCM_STATE><RESCHED>${vm.resched}</RESCHED>` +
    `<STIME>${vm.stime}</STIME><ETIME>${vm.etime}</ETIME>${el('DEPLOY_ID', vm.deployId)}` +
    (vm.lock ? `<LOCK><LOCKED>${vm.lock.locked}</LOCKED></LOCK>` : '') +
    tmpl +
    '<MONITORING/>' +
    shortUserTemplate(vm) +
    shortHistory(vm) +
    '</VM>'
  );
}

/** The short body escaped for an XML-RPC <string>, cached until the VM changes. */
export function vmShortEscaped(state: SimState, vm: VmRec): string {
  return (vm.cache.short ??= escapeXmlText(vmShortXml(state, vm)));
}

/** The extended pool body escaped for an XML-RPC <string>, cached until the VM changes. */
export function vmExtendedEscaped(state: SimState, vm: VmRec): string {
  return (vm.cache.extended ??= escapeXmlText(
    vmFullXml(state, vm, { monitoring: '', lastPoll: 0, history: 'last' }),
  ));
}
