// Leases put aside by hand (reference oned-xmlrpc.md §2.8): hold and release of one address
// (`LEASES = [ IP = ... ]` or MAC), and reserve, which takes SIZE free addresses of the network
// into a new reservation network owned by the caller (NAME; USE on the parent and CREATE NET) or
// into an existing one (NETWORK_ID, MANAGE on it); the parent shows them used by that network.
import { findAddress, HELD, netOwner, parseIp, parseMac } from '../address.js';
import { authorize, OP } from '../authz.js';
import { fail, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { AddressRange, VnetRec } from '../records.js';
import { checkNewName, fetchAuthorized, nameProblem, parseOrFail } from './common.js';
import { insertVnet, VNET_KIND } from './vnet-kind.js';

function leaseAddress(
  ctx: CallContext,
  n: VnetRec,
  text: string,
): { ar: AddressRange; index: number; label: string } {
  const lease = parseOrFail(ctx.method, text).vector('LEASES');
  const ipText = lease?.get('IP');
  const macText = lease?.get('MAC');
  if (ipText === undefined && macText === undefined)
    throw fail(ONED.ACTION, ctx.method, 'Missing LEASES attribute with an IP or MAC.', n.id);
  const ip = ipText === undefined ? null : parseIp(ipText);
  const mac = macText === undefined ? null : parseMac(macText);
  const label = ipText ?? macText ?? '';
  const found = ip !== null || mac !== null ? findAddress(n, { ip, mac }) : null;
  const ar = found && n.ars.find((a) => a.id === found.arId);
  if (!found || !ar) throw fail(ONED.ACTION, ctx.method, `Address ${label} is not part of the network`, n.id);
  return { ar, index: found.index, label };
}

/** The first run of `size` free addresses in the range, from the start, or -1. */
function freeRun(ar: AddressRange, size: number, from = 0): number {
  let run = 0;
  for (let i = from; i < ar.size; i++) {
    run = ar.leases.has(i) ? 0 : run + 1;
    if (run === size) return i - size + 1;
  }
  return -1;
}

function reserve(ctx: CallContext, id: number, text: string): number {
  const state = ctx.sim.state;
  const parent = fetchAuthorized(ctx, VNET_KIND, id, OP.USE);
  const t = parseOrFail(ctx.method, text);
  const size = Number(t.get('SIZE') ?? '');
  if (!Number.isInteger(size) || size <= 0)
    throw fail(ONED.ACTION, ctx.method, 'Reservation SIZE must be a greater than 0', id);
  const name = t.get('NAME');
  const targetText = t.get('NETWORK_ID');
  if (name === undefined && targetText === undefined)
    throw fail(ONED.ACTION, ctx.method, 'Reservation requires a NAME or NETWORK_ID', id);
  const arIdText = t.get('AR_ID');
  const ars = arIdText === undefined ? parent.ars : parent.ars.filter((a) => String(a.id) === arIdText);
  if (arIdText !== undefined && ars.length === 0)
    throw fail(ONED.ACTION, ctx.method, `Address Range ${arIdText} does not exist`, id);
  const startIp = t.get('IP') === undefined ? null : parseIp(t.get('IP') as string);
  const startMac = t.get('MAC') === undefined ? null : parseMac(t.get('MAC') as string);
  let pick: { ar: AddressRange; start: number } | null = null;
  for (const ar of ars) {
    const from =
      startIp !== null && ar.ip !== null ? startIp - ar.ip : startMac !== null ? startMac - ar.mac : 0;
    if (from < 0 || from >= ar.size) continue;
    const start =
      startIp !== null || startMac !== null
        ? freeRun(ar, size, from) === from
          ? from
          : -1
        : freeRun(ar, size);
    if (start >= 0) {
      pick = { ar, start };
      break;
    }
  }
  if (!pick) throw fail(ONED.ACTION, ctx.method, 'Not enough free addresses in an address range', id);
  let target: VnetRec;
  if (targetText !== undefined) {
    target = fetchAuthorized(ctx, VNET_KIND, Number(targetText), OP.MANAGE);
    if (target.parentId !== parent.id)
      throw fail(ONED.ACTION, ctx.method, `Network ${target.id} is not a reservation of network ${id}`, id);
  } else {
    authorize(state, ctx.method, ctx.who, [['NET', null, OP.CREATE]], id);
    const problem = nameProblem(name as string);
    if (problem) throw fail(ONED.ACTION, ctx.method, problem, id);
    checkNewName(ctx, VNET_KIND, name as string, ctx.who.uid);
    const template = parent.template.clone();
    template.remove('AR');
    target = insertVnet(ctx, state.vnets.nextId(), {
      name: name as string,
      clusters: [...parent.clusters],
      template,
      ars: [],
      parentId: parent.id,
    });
  }
  const { ar, start } = pick;
  for (let i = 0; i < size; i++) ar.leases.set(start + i, netOwner(target.id));
  target.ars.push({
    id: target.ars.reduce((m, a) => Math.max(m, a.id + 1), 0),
    type: ar.type,
    ip: ar.ip === null ? null : (ar.ip + start) >>> 0,
    mac: ar.mac + start,
    size,
    leases: new Map(),
    cursor: 0,
    attrs: new Map([['PARENT_NETWORK_AR_ID', String(ar.id)]]),
  });
  return target.id;
}

export const vnetLeaseMethods: Record<string, MethodSpec> = {
  'one.vn.hold': {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const n = fetchAuthorized(ctx, VNET_KIND, id, OP.MANAGE);
      const { ar, index, label } = leaseAddress(ctx, n, args.str(1));
      if (ar.leases.has(index)) throw fail(ONED.ACTION, ctx.method, `Address ${label} is already in use`, id);
      ar.leases.set(index, HELD);
      return id;
    },
  },
  'one.vn.release': {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const n = fetchAuthorized(ctx, VNET_KIND, id, OP.MANAGE);
      const { ar, index, label } = leaseAddress(ctx, n, args.str(1));
      if (ar.leases.get(index) !== HELD)
        throw fail(ONED.ACTION, ctx.method, `Address ${label} is not on hold`, id);
      ar.leases.delete(index);
      if (index < ar.cursor) ar.cursor = index;
      return id;
    },
  },
  'one.vn.reserve': { params: 'is', handler: (ctx, args) => reserve(ctx, args.int(0), args.str(1)) },
};
