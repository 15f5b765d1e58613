// ACL rules (reference oned-xmlrpc.md §2.10, §4.11-4.12): only administrators read or change them.
import { fail, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { aclPoolXml } from '../xml/acl.js';
import type { KindModule } from './generic.js';

function adminOnly(ctx: CallContext): void {
  if (!ctx.who.admin)
    throw fail(
      ONED.AUTHORIZATION,
      ctx.method,
      `User [${ctx.who.uid}] : Not authorized to perform MANAGE ACL.`,
    );
}

export const aclMethods: Record<string, MethodSpec> = {
  'one.acl.info': {
    params: '',
    handler: (ctx) => {
      adminOnly(ctx);
      return XmlDoc.of(aclPoolXml(ctx.sim.state.acls.list()));
    },
  },
};

export const aclModule: KindModule = { rpc: 'acl', ops: () => undefined, methods: aclMethods };
