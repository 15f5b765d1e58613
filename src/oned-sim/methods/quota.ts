// one.user.quota and one.group.quota (reference oned-xmlrpc.md §2.3): ADMIN on the user or group;
// oned refuses quotas for oneadmin and for the oneadmin group. The limits show in the documents.
import { OP } from '../authz.js';
import { fail, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { applyQuotaTemplate, QuotaTemplateError } from '../quota-limits.js';
import type { QuotaLimits } from '../records.js';
import { fetchAuthorized, parseOrFail, type SimKind } from './common.js';
import type { Named } from './kind.js';

export function quotaSpec<T extends Named & { quotas?: QuotaLimits }>(
  kind: SimKind<T>,
  who: string,
): MethodSpec {
  return {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const obj = fetchAuthorized(ctx, kind, id, OP.ADMIN);
      if (id === 0) throw fail(ONED.ACTION, ctx.method, `Cannot set quotas for oneadmin ${who}`, id);
      const t = parseOrFail(ctx.method, args.str(1));
      try {
        obj.quotas = applyQuotaTemplate(obj.quotas, t);
      } catch (err) {
        if (err instanceof QuotaTemplateError) throw fail(ONED.ACTION, ctx.method, err.message, id);
        throw err;
      }
      return id;
    },
  };
}
