// Security groups (reference oned-xmlrpc.md §2.10, §4.11): allocate and update check each RULE
// (PROTOCOL, RULE_TYPE), clone, commit (the group's VMs are UPDATING until the drivers have
// applied the rules; an update commits too), delete (never the default group 0, never while
// VMs use it) and the generic info, rename, chown, chmod and pool.
import { authorize, OP } from '../authz.js';
import { fail, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { SecGroupRec } from '../records.js';
import type { Template } from '../template.js';
import { secGroupVms, secGroupXml } from '../xml/secgroup.js';
import {
  allocError,
  allocTemplate,
  applyUpdate,
  checkNewName,
  fetchAuthorized,
  nameProblem,
  newOwned,
  ownedKind,
} from './common.js';
import { ownedOps, type KindModule } from './generic.js';

const PROTOCOLS = new Set(['TCP', 'UDP', 'ICMP', 'ICMPV6', 'IPSEC', 'ALL']);
const RULE_TYPES = new Set(['INBOUND', 'OUTBOUND']);
/** Base delay (ms at speed 1) of the drivers applying new rules to the VMs. */
export const COMMIT_DELAY = 2000;

export const SECGROUP_KIND = ownedKind<SecGroupRec>({
  authType: 'SECGROUP',
  objectName: 'security group',
  pool: (s) => s.secgroups,
  xml: (ctx, sg) => secGroupXml(ctx.sim.state, sg),
  template: (sg) => sg.template,
  unique: 'owner',
  deleteRefusal: (ctx, sg) =>
    sg.id === 0
      ? 'The default security group (ID 0) cannot be deleted.'
      : secGroupVms(ctx.sim.state, sg.id).length > 0
        ? 'The security group has VMs using it'
        : null,
  onDelete: (ctx, sg) => ctx.sim.timeline.cancel(`secgroup:${sg.id}`),
});

/** Why oned refuses the template's rules, or null. */
function ruleProblem(t: Template): string | null {
  for (const rule of t.vectors('RULE')) {
    const protocol = (rule.get('PROTOCOL') ?? '').toUpperCase();
    const type = (rule.get('RULE_TYPE') ?? '').toUpperCase();
    if (protocol === '') return 'No PROTOCOL in RULE';
    if (!PROTOCOLS.has(protocol)) return `Invalid PROTOCOL ${rule.get('PROTOCOL') ?? ''} in RULE`;
    if (type === '') return 'No RULE_TYPE in RULE';
    if (!RULE_TYPES.has(type)) return `Invalid RULE_TYPE ${rule.get('RULE_TYPE') ?? ''} in RULE`;
  }
  return null;
}

function insertSecGroup(ctx: CallContext, name: string, t: Template): SecGroupRec {
  const state = ctx.sim.state;
  return state.secgroups.insert({
    ...newOwned(ctx, state.secgroups.nextId(), name),
    template: t,
  });
}

/** The group's VMs (or, `onlyPending`, those of an unfinished commit) get the rules again. */
function commit(ctx: CallContext, sg: SecGroupRec, onlyPending: boolean): void {
  const vms = onlyPending ? (sg.updating ?? []) : secGroupVms(ctx.sim.state, sg.id);
  if (vms.length === 0) return;
  sg.updating = [...new Set([...(sg.updating ?? []), ...vms])].sort((a, b) => a - b);
  ctx.sim.timeline.defer(`secgroup:${sg.id}`, COMMIT_DELAY, () => {
    delete sg.updating;
  });
}

export const secGroupMethods: Record<string, MethodSpec> = {
  'one.secgroup.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const { t, name } = allocTemplate(ctx, SECGROUP_KIND, args.str(0));
      const problem = ruleProblem(t);
      if (problem) throw allocError(ctx, 'security group', problem);
      return insertSecGroup(ctx, name, t).id;
    },
  },
  'one.secgroup.update': {
    params: 'is',
    optional: ['i'],
    handler: (ctx, args) => {
      const id = args.int(0);
      const type = args.int(2, 0);
      if (type !== 0 && type !== 1) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong update type');
      const sg = fetchAuthorized(ctx, SECGROUP_KIND, id, OP.MANAGE);
      const next = sg.template.clone();
      applyUpdate(ctx.method, next, args.str(1), type);
      const problem = ruleProblem(next);
      if (problem) throw fail(ONED.INTERNAL, ctx.method, `Cannot update template. ${problem}`, id);
      sg.template = next;
      commit(ctx, sg, false);
      return id;
    },
  },
  'one.secgroup.clone': {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const src = fetchAuthorized(ctx, SECGROUP_KIND, id, OP.USE);
      authorize(ctx.sim.state, ctx.method, ctx.who, [['SECGROUP', null, OP.CREATE]], id);
      const name = args.str(1);
      const problem = nameProblem(name);
      if (problem) throw fail(ONED.ACTION, ctx.method, problem, id);
      checkNewName(ctx, SECGROUP_KIND, name, ctx.who.uid);
      return insertSecGroup(ctx, name, src.template.clone()).id;
    },
  },
  'one.secgroup.commit': {
    params: 'ib',
    handler: (ctx, args) => {
      const id = args.int(0);
      const sg = fetchAuthorized(ctx, SECGROUP_KIND, id, OP.MANAGE);
      commit(ctx, sg, args.bool(1));
      return id;
    },
  },
};

export const secGroupModule: KindModule = {
  rpc: 'secgroup',
  ops: ownedOps(SECGROUP_KIND),
  methods: secGroupMethods,
};
