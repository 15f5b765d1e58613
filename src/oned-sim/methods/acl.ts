// ACL rules (reference oned-xmlrpc.md §2.10, §4.11-4.12): only administrators read or change them.
// one.acl.addrule takes the user, resource, rights and (optional, default: this zone) zone fields
// as hex strings and answers the new rule's id; malformed rules and duplicates are refused as
// oned's AclManager refuses them (INTERNAL).
import { ACL_ID, AUTH_TYPE_BITS } from '../authz.js';
import { fail, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { AclRec } from '../records.js';
import { aclPoolXml, aclString } from '../xml/acl.js';
import type { KindModule } from './generic.js';

const ID_MASK = 0xffffffffn;
const ALL_TYPES = Object.values(AUTH_TYPE_BITS).reduce((a, b) => a | b, 0n);

function adminOnly(ctx: CallContext): void {
  if (!ctx.who.admin)
    throw fail(
      ONED.AUTHORIZATION,
      ctx.method,
      `User [${ctx.who.uid}] : Not authorized to perform MANAGE ACL.`,
    );
}

/** strtoull(s, 16): leading hex digits, 0 when there are none. */
function hex(s: string): bigint {
  const m = /^\s*(?:0x)?([0-9a-f]+)/i.exec(s);
  return m ? BigInt(`0x${m[1] as string}`) : 0n;
}

function bitsOf(v: bigint): bigint[] {
  return [ACL_ID.INDIVIDUAL, ACL_ID.GROUP, ACL_ID.ALL, ACL_ID.CLUSTER].filter((b) => (v & b) !== 0n);
}

/** AclRule::malformed: what is wrong with the rule, or null. */
function malformed(r: Omit<AclRec, 'id'>): string | null {
  const userBits = bitsOf(r.user);
  if (userBits.length !== 1 || (r.user & ACL_ID.CLUSTER) !== 0n)
    return '[user] is missing one of the INDIVIDUAL, GROUP or ALL bits';
  if ((r.user & ACL_ID.ALL) !== 0n && (r.user & ID_MASK) !== 0n)
    return 'when using the ALL bit, [user] ID must be 0';
  if ((r.resource & ALL_TYPES) === 0n) return '[resource] type is missing';
  if (bitsOf(r.resource).length !== 1)
    return '[resource] is missing one of the INDIVIDUAL, GROUP, CLUSTER or ALL bits';
  if ((r.resource & ACL_ID.ALL) !== 0n && (r.resource & ID_MASK) !== 0n)
    return 'when using the ALL bit, [resource] ID must be 0';
  if (r.rights === 0n) return 'wrong [rights], it cannot be 0';
  if (r.rights > 0xfn) return 'wrong [rights], it cannot be bigger than 0xf';
  const zoneBits = bitsOf(r.zone);
  if (zoneBits.length !== 1 || (r.zone & (ACL_ID.GROUP | ACL_ID.CLUSTER)) !== 0n)
    return '[zone] is missing one of the INDIVIDUAL or ALL bits';
  return null;
}

export const aclMethods: Record<string, MethodSpec> = {
  'one.acl.info': {
    params: '',
    handler: (ctx) => {
      adminOnly(ctx);
      return XmlDoc.of(aclPoolXml(ctx.sim.state.acls.list()));
    },
  },
  'one.acl.addrule': {
    params: 'sss',
    optional: ['s'],
    handler: (ctx, args) => {
      adminOnly(ctx);
      const state = ctx.sim.state;
      const rule = {
        user: hex(args.str(0)),
        resource: hex(args.str(1)),
        rights: hex(args.str(2)),
        zone: args.has(3) ? hex(args.str(3)) : ACL_ID.INDIVIDUAL | 0n,
      };
      const problem = malformed(rule);
      if (problem)
        throw fail(
          ONED.INTERNAL,
          ctx.method,
          `Rule ${aclString({ id: -1, ...rule })} is malformed: ${problem}`,
        );
      const same = state.acls.find(
        (r) =>
          r.user === rule.user &&
          r.resource === rule.resource &&
          r.rights === rule.rights &&
          r.zone === rule.zone,
      );
      if (same) throw fail(ONED.INTERNAL, ctx.method, 'Rule already exists');
      if (state.acls.full()) throw fail(ONED.INTERNAL, ctx.method, 'Too many ACL rules');
      const id = state.acls.nextId();
      state.acls.insert({ id, ...rule });
      return id;
    },
  },
  'one.acl.delrule': {
    params: 'i',
    handler: (ctx, args) => {
      adminOnly(ctx);
      const id = args.int(0);
      if (!ctx.sim.state.acls.get(id)) throw fail(ONED.INTERNAL, ctx.method, `Rule ${id} does not exist`, id);
      ctx.sim.state.acls.remove(id);
      return id;
    },
  },
};

export const aclModule: KindModule = { rpc: 'acl', ops: () => undefined, methods: aclMethods };
