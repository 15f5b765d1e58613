// group create (reference §4.5; what the OCA's Group#create does for Sunstone): allocate the group,
// add the ACL letting its users create resources ("@<gid> <resources>/* CREATE *", resources
// defaulting to VM+IMAGE+TEMPLATE+DOCUMENT+SECGROUP+VROUTER+VMGROUP+BACKUPJOB, none when blank), the
// optional sharing ACL ("@<gid> <shared>/@<gid> USE *"), the optional admin user, then the
// SUNSTONE (views) and OPENNEBULA vectors of the group template. A later step failing deletes what
// was created and answers Sunstone's "Error creating ...: <oned's message>".
// Everything the body says is checked first, so a malformed group is a 400 before any oned call.
import { parseAclRule } from '../../one/acl-rule.js';
import { isTransportError } from '../../one/errors.js';
import { rootObject, typedValue } from '../create-body.js';
import { BadParameterError, CreateStepError } from '../errors.js';
import type { CreateProcedure, CreateProcedureContext } from './types.js';

const DEFAULT_RESOURCES = 'VM+IMAGE+TEMPLATE+DOCUMENT+SECGROUP+VROUTER+VMGROUP+BACKUPJOB';
const ADMIN_VIEW = 'groupadmin';

interface GroupPlan {
  readonly name: string;
  readonly resources: string | undefined;
  readonly shared: string | undefined;
  readonly admin: { readonly name: string; readonly password: string; readonly driver: string } | undefined;
  readonly template: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(where: string, source: Record<string, unknown>, key: string): string | undefined {
  const v = source[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new BadParameterError(`"${key}" in ${where} must be a string`);
  return v;
}

function optionalList(where: string, source: Record<string, unknown>, key: string): string[] | undefined {
  const v = source[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new BadParameterError(`"${key}" in ${where} must be a list of view names`);
  }
  return v as string[];
}

function q(s: string): string {
  return `"${s.replace(/"/g, '\\"')}"`;
}

/** The group template Sunstone writes: SUNSTONE views (admin views default to groupadmin), OPENNEBULA. */
function groupTemplate(group: Record<string, unknown>): string {
  const w = '"group"';
  const views = optionalList(w, group, 'views');
  const defaultView = optionalString(w, group, 'default_view');
  const adminViews = optionalList(w, group, 'admin_views');
  const defaultAdminView = optionalString(w, group, 'default_admin_view');
  const sunstone = [
    ...(views ? [`VIEWS=${q(views.join(','))}`] : []),
    ...(defaultView !== undefined ? [`DEFAULT_VIEW=${q(defaultView)}`] : []),
    adminViews ? `GROUP_ADMIN_VIEWS=${q(adminViews.join(','))}` : `GROUP_ADMIN_VIEWS=${ADMIN_VIEW}`,
    defaultAdminView !== undefined
      ? `GROUP_ADMIN_DEFAULT_VIEW=${q(defaultAdminView)}`
      : `GROUP_ADMIN_DEFAULT_VIEW=${ADMIN_VIEW}`,
  ];
  let text = `SUNSTONE=[${sunstone.join(',\n')}]\n`;
  const one = group.opennebula;
  if (isRecord(one)) {
    const attrs = ['default_image_persistent', 'default_image_persistent_new'].flatMap((k) => {
      const v = optionalString('"group.opennebula"', one, k);
      return v ? [`${k.toUpperCase()}=${q(v)}`] : [];
    });
    if (attrs.length > 0) text += `OPENNEBULA=[${attrs.join(',\n')}]\n`;
  }
  return text;
}

function plan(ctx: CreateProcedureContext): GroupPlan {
  const group = rootObject(ctx.kind, ctx.value);
  if (typeof group.name !== 'string' || group.name === '') {
    throw new BadParameterError('Group name not defined: send {"group":{"name":"..."}}');
  }
  let admin: GroupPlan['admin'];
  const ga = group.group_admin;
  if (isRecord(ga) && ga.name !== undefined && ga.name !== null) {
    const where = '"group.group_admin"';
    const name = typedValue(where, ga, 'name', 'string') as string;
    if (ga.password === undefined || ga.password === null) {
      throw new BadParameterError('Admin user password not defined: send group_admin.password');
    }
    const password = typedValue(where, ga, 'password', 'string') as string;
    admin = { name, password, driver: optionalString(where, ga, 'auth_driver') ?? 'core' };
  }
  const resources = optionalString('"group"', group, 'resources');
  const shared = optionalString('"group"', group, 'shared_resources');
  // Check the rules now (with a stand-in id) so a bad resource name creates nothing.
  if (resources === undefined || resources.trim() !== '')
    parseAclRule(`@0 ${resources ?? DEFAULT_RESOURCES}/* CREATE *`);
  if (shared !== undefined) parseAclRule(`@0 ${shared}/@0 USE *`);
  return { name: group.name, resources, shared, admin, template: groupTemplate(group) };
}

export const groupCreate: CreateProcedure = async (ctx) => {
  const p = plan(ctx);
  const call = (method: string, args: (string | number | boolean | number[])[]) =>
    ctx.oneClient.call(ctx.session, method, args);
  const gid = Number(await call('one.group.allocate', [p.name]));

  /** Runs a step; on oned's refusal deletes the group (and whatever `undo` names) and says which step. */
  async function step(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (isTransportError(err)) throw err;
      await call('one.group.delete', [gid]).catch(() => undefined);
      throw new CreateStepError(`${what}: ${(err as Error).message}`, err);
    }
  }

  if (p.resources === undefined || p.resources.trim() !== '') {
    await step("Error creating group ACL's", async () => {
      await call('one.acl.addrule', parseAclRule(`@${gid} ${p.resources ?? DEFAULT_RESOURCES}/* CREATE *`));
    });
  }
  if (p.shared !== undefined) {
    await step("Error creating group ACL's", async () => {
      await call('one.acl.addrule', parseAclRule(`@${gid} ${p.shared}/@${gid} USE *`));
    });
  }
  const admin = p.admin;
  if (admin !== undefined) {
    await step('Error creating admin user', async () => {
      const uid = Number(await call('one.user.allocate', [admin.name, admin.password, admin.driver, [gid]]));
      try {
        await call('one.group.addadmin', [gid, uid]);
      } catch (err) {
        await call('one.user.delete', [uid]).catch(() => undefined);
        throw err;
      }
    });
  }
  await step('Error updating group template', async () => {
    await call('one.group.update', [gid, p.template, 1]);
  });
  return gid;
};
