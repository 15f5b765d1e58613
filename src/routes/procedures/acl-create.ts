// ACL create (reference §4.5): `{"acl":"@1 VM+NET/* USE+MANAGE #0"}` -> one.acl.addrule with the
// rule's hexadecimal strings. A malformed rule is a 400 with the OCA's wording, before oned.
import { parseAclRule } from '../../one/acl-rule.js';
import { BadParameterError } from '../errors.js';
import type { CreateProcedure } from './types.js';

export const aclCreate: CreateProcedure = async (ctx) => {
  if (typeof ctx.value !== 'string') {
    throw new BadParameterError(
      `"acl" must be a rule string such as "@1 VM+NET/* USE+MANAGE #0", got ${JSON.stringify(ctx.value)}`,
    );
  }
  const id = await ctx.oneClient.call(ctx.session, 'one.acl.addrule', parseAclRule(ctx.value));
  return Number(id);
};
