// Address ranges of a virtual network (reference oned-xmlrpc.md §2.8): add_ar and rm_ar (ADMIN),
// update_ar (SIZE and the free attributes; AR_ID, TYPE, IP and MAC stay) and free_ar, which
// gives a reservation's range back to the network it came from.
import { OP } from '../authz.js';
import { fail, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { AddressRange, VnetRec } from '../records.js';
import type { Vector } from '../template.js';
import { fetchAuthorized, parseOrFail } from './common.js';
import { parseAr, releaseReservation, VNET_KIND } from './vnet-kind.js';

const FIXED = new Set(['AR_ID', 'TYPE', 'IP', 'MAC', 'ALLOCATED', 'PARENT_NETWORK_AR_ID']);

function arVector(ctx: CallContext, text: string, id: number): Vector {
  const ar = parseOrFail(ctx.method, text).vector('AR');
  if (!ar) throw fail(ONED.ACTION, ctx.method, 'Missing AR attribute in the template.', id);
  return ar;
}

function findAr(ctx: CallContext, n: VnetRec, arId: number): AddressRange {
  const ar = n.ars.find((a) => a.id === arId);
  if (!ar) throw fail(ONED.ACTION, ctx.method, `Address Range ${arId} does not exist`, n.id);
  return ar;
}

export const vnetArMethods: Record<string, MethodSpec> = {
  'one.vn.add_ar': {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const n = fetchAuthorized(ctx, VNET_KIND, id, OP.ADMIN);
      const v = arVector(ctx, args.str(1), id);
      const arId = n.ars.reduce((m, a) => Math.max(m, a.id + 1), 0);
      const ar = parseAr(ctx, v, arId, id, (detail) => fail(ONED.ACTION, ctx.method, detail, id));
      n.ars.push(ar);
      return id;
    },
  },
  'one.vn.rm_ar': {
    params: 'ii',
    optional: ['b'],
    handler: (ctx, args) => {
      const [id, arId, force] = [args.int(0), args.int(1), args.bool(2, false)];
      const n = fetchAuthorized(ctx, VNET_KIND, id, OP.ADMIN);
      const ar = findAr(ctx, n, arId);
      if (ar.leases.size > 0 && !force)
        throw fail(ONED.ACTION, ctx.method, 'Address Range has leases in use', id);
      if (n.parentId !== undefined) releaseReservation(ctx, n, arId);
      n.ars = n.ars.filter((a) => a !== ar);
      return id;
    },
  },
  'one.vn.update_ar': {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const n = fetchAuthorized(ctx, VNET_KIND, id, OP.MANAGE);
      const v = arVector(ctx, args.str(1), id);
      const arIdText = v.get('AR_ID');
      if (arIdText === undefined || !/^\d+$/.test(arIdText))
        throw fail(ONED.ACTION, ctx.method, 'Missing or wrong AR_ID in the address range.', id);
      const ar = findAr(ctx, n, Number(arIdText));
      const sizeText = v.get('SIZE');
      if (sizeText !== undefined) {
        const size = Number(sizeText);
        const highest = Math.max(-1, ...ar.leases.keys());
        if (!Number.isInteger(size) || size <= 0 || size <= highest || n.parentId !== undefined)
          throw fail(
            ONED.ACTION,
            ctx.method,
            `New SIZE ${sizeText} cannot be applied to the address range.`,
            id,
          );
        ar.size = size;
      }
      const attrs = new Map(ar.attrs ?? []);
      for (const [k, val] of v) if (!FIXED.has(k) && k !== 'SIZE') attrs.set(k, val);
      if (attrs.size > 0) ar.attrs = attrs;
      return id;
    },
  },
  'one.vn.free_ar': {
    params: 'ii',
    handler: (ctx, args) => {
      const [id, arId] = [args.int(0), args.int(1)];
      const n = fetchAuthorized(ctx, VNET_KIND, id, OP.MANAGE);
      const ar = findAr(ctx, n, arId);
      if ([...ar.leases.values()].some((v) => v >= 0))
        throw fail(ONED.ACTION, ctx.method, 'Address Range has leases in use', id);
      releaseReservation(ctx, n, arId);
      n.ars = n.ars.filter((a) => a !== ar);
      return id;
    },
  },
};
