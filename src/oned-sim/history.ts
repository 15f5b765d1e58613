// New VM history records (one per stay on a host): where the VM went, and the times and request
// fields of a record just opened, which every place that opens one starts from.
import type { HistoryRec, HostRec } from './records.js';

type Opened = Pick<
  HistoryRec,
  | 'stime'
  | 'etime'
  | 'pstime'
  | 'petime'
  | 'rstime'
  | 'retime'
  | 'estime'
  | 'eetime'
  | 'action'
  | 'uid'
  | 'gid'
  | 'reqId'
>;

/** A record opened at `stime`: no later step reached yet, no action closing it, no requester. */
export function openedAt(stime: number): Opened {
  return {
    stime,
    etime: 0,
    pstime: 0,
    petime: 0,
    rstime: 0,
    retime: 0,
    estime: 0,
    eetime: 0,
    action: 0,
    uid: -1,
    gid: -1,
    reqId: -1,
  };
}

/** Record `seq` of a VM placed on `host` (system datastore `dsId`, its TM_MAD) at `stime`. */
export function hostHistory(
  seq: number,
  host: HostRec,
  place: { readonly tmMad: string; readonly dsId: number },
  stime: number,
): HistoryRec {
  return {
    seq,
    hostname: host.name,
    hid: host.id,
    cid: host.clusterId,
    vmMad: host.vmMad,
    tmMad: place.tmMad,
    dsId: place.dsId,
    ...openedAt(stime),
  };
}
