// Users (reference oned-xmlrpc.md §2.3, §5.2): info, pool, allocate, passwd, chgrp, enable,
// login tokens and delete (generic update, chauth/addgroup/delgroup in user-admin.ts). Users own themselves (uid = own id, um- --- ---), so a user can read
// and manage its own USER object but not the others.
import { authorize, OP, type Op } from '../authz.js';
import { fail, getOr, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { sha256Hex } from '../cipher.js';
import { ONED } from '../errors.js';
import type { LoginToken, UserRec } from '../records.js';
import { Template } from '../template.js';
import { quotaUsage } from '../usage.js';
import { userPoolXml, userXml } from '../xml/user.js';
import { userAuth, groupAuth } from './auth-objects.js';
import { fetchAuthorized, type SimKind } from './common.js';
import { systemOps, type KindModule } from './generic.js';
import { quotaSpec } from './quota.js';
import { userAdminMethods } from './user-admin.js';
import { ACL_ID } from '../authz.js';

/** Per-driver login token policy (oned.conf AUTH_MAD_CONF): -1 = no cap on the lifetime. */
const MAX_TOKEN_TIME: Record<string, number> = { core: -1, ldap: 86400, server_cipher: -1, server_x509: -1 };
/** Drivers whose users may change their own password (AUTH_MAD_CONF PASSWORD_CHANGE). */
const PASSWORD_CHANGE = new Set(['core', 'ssh', 'ldap']);
const MAX_TOKENS = 10;
const INVALID_NAME = /[ :\t\n\r\v\f]/;

export const USER_KIND: SimKind<UserRec> = {
  authType: 'USER',
  objectName: 'user',
  pool: (s) => s.users,
  xml: (ctx, u) => userXml(ctx.sim.state, u, quotaUsage(ctx.sim.state).users.get(u.id)),
  auth: userAuth,
  template: (u) => u.template,
  deleteAdmin: true,
  unique: 'global',
  deleteRefusal: (_ctx, u) => (u.id === 0 ? 'oneadmin cannot be deleted.' : null),
  // The user leaves the groups it administers, and the ACL rules written for it go.
  onDelete: (ctx, u) => {
    const state = ctx.sim.state;
    for (const g of state.groups.list()) g.admins = g.admins.filter((x) => x !== u.id);
    const mine = ACL_ID.INDIVIDUAL | BigInt(u.id);
    for (const r of state.acls.list().slice()) if (r.user === mine) state.acls.remove(r.id);
    state.vmVersion++;
  },
};

function fetchUser(ctx: CallContext, id: number, op: Op): UserRec {
  return fetchAuthorized(ctx, USER_KIND, id, op, { ignoreLock: op === OP.USE });
}

function checkPassword(ctx: CallContext, driver: string, password: string): void {
  if (/\s/.test(password))
    throw fail(ONED.INTERNAL, ctx.method, 'Invalid password, it cannot contain spaces.');
  if (driver === 'core' && password === '')
    throw fail(ONED.INTERNAL, ctx.method, 'Invalid password, it cannot be empty.');
  const max = driver.startsWith('server') ? 4096 : 256;
  if (Buffer.byteLength(password) > max)
    throw fail(ONED.INTERNAL, ctx.method, `Invalid password, max length is ${max} for driver ${driver}.`);
}

/** Stored PASSWORD: SHA-256 hex for core, verbatim for other drivers (reference §5.1). */
function storedPassword(driver: string, password: string): string {
  return driver === 'core' ? sha256Hex(password) : password;
}

function login(ctx: CallContext, name: string, token: string, valid: number, egid: number): string {
  const state = ctx.sim.state;
  const user = state.userByName(name);
  if (!user) throw fail(ONED.NO_EXISTS, ctx.method, 'Error getting user Pool.');
  authorize(state, ctx.method, ctx.who, [['USER', userAuth(user), OP.MANAGE]], user.id);
  const now = ctx.sim.now();
  const cap = MAX_TOKEN_TIME[user.driver] ?? -1;
  if (cap === 0) {
    user.tokens = [];
    throw fail(ONED.ACTION, ctx.method, `Login tokens are disabled for driver ${user.driver}`);
  }
  if (valid === 0) {
    if (token === '') user.tokens = [];
    else {
      const before = user.tokens.length;
      user.tokens = user.tokens.filter((t) => t.token !== token);
      if (user.tokens.length === before)
        throw fail(ONED.XML_RPC_API, ctx.method, `Could not find token: ${token}`);
    }
    return token;
  }
  if (valid < -1) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong valid period for token');
  if (egid >= 0) {
    if (!user.groups.includes(egid) || (!ctx.who.admin && !ctx.who.groups.has(egid)))
      throw fail(ONED.ACTION, ctx.method, 'EGID is not in user group list');
  } else if (ctx.who.scoped) {
    throw fail(ONED.ACTION, ctx.method, 'Cannot create a full token with a specific group token');
  }
  user.tokens = user.tokens.filter((t) => t.expires === -1 || t.expires > now);
  if (user.tokens.length >= MAX_TOKENS)
    throw fail(ONED.ACTION, ctx.method, 'Max number of tokens limit reached.');
  let lifetime = valid;
  if (cap > 0 && (lifetime === -1 || lifetime > cap)) lifetime = cap;
  const t: LoginToken = {
    token: token === '' ? sha256Hex(ctx.sim.rng.hex(16)) : token,
    expires: lifetime === -1 ? -1 : now + lifetime,
    egid,
  };
  user.tokens.push(t);
  return t.token;
}

export const userMethods: Record<string, MethodSpec> = {
  'one.user.info': {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => {
      const id = args.int(0) === -1 ? ctx.who.uid : args.int(0);
      const u = fetchUser(ctx, id, OP.USE);
      return XmlDoc.of(userXml(ctx.sim.state, u, quotaUsage(ctx.sim.state).users.get(u.id)));
    },
  },

  'one.userpool.info': {
    params: '',
    handler: (ctx) => {
      const state = ctx.sim.state;
      const visible = state.users
        .list()
        .filter((u) => ctx.who.admin || u.id === ctx.who.uid)
        .slice();
      if (ctx.sim.settings.desc) visible.reverse();
      return XmlDoc.of(userPoolXml(state, visible, quotaUsage(state).users));
    },
  },

  'one.user.allocate': {
    params: 'sss',
    optional: ['A'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const [name, password] = [args.str(0), args.str(1)];
      const driver = args.str(2) === '' ? 'core' : args.str(2);
      authorize(state, ctx.method, ctx.who, [['USER', null, OP.CREATE]]);
      if (name === '' || INVALID_NAME.test(name))
        throw fail(
          ONED.INTERNAL,
          ctx.method,
          'Invalid NAME, it cannot contain spaces, colons or control characters.',
        );
      const taken = state.userByName(name);
      if (taken) throw fail(ONED.INTERNAL, ctx.method, `NAME is already taken by USER ${taken.id}.`);
      checkPassword(ctx, driver, password);
      const gids = args
        .array(3)
        .filter((g): g is number => typeof g === 'number')
        .map((g) => getOr(state.groups.get(g), ctx.method, 'group', g).id);
      if (gids.length === 0) gids.push(ctx.who.groups.has(0) ? 1 : ctx.who.gid);
      if (state.users.full())
        throw fail(ONED.ALLOCATE, ctx.method, 'Error allocating a new user. The user pool is full.');
      const id = state.users.nextId();
      state.users.insert({
        id,
        name,
        gid: gids[0] as number,
        groups: [...new Set(gids)].sort((a, b) => a - b),
        password: storedPassword(driver, password),
        driver,
        enabled: true,
        template: new Template().set('TOKEN_PASSWORD', sha256Hex(ctx.sim.rng.hex(16))),
        tokens: [],
        session: null,
      });
      return id;
    },
  },

  'one.user.passwd': {
    params: 'is',
    handler: (ctx, args) => {
      const id = args.int(0);
      const u = fetchUser(ctx, id, OP.MANAGE);
      if (!ctx.who.admin && !PASSWORD_CHANGE.has(u.driver))
        throw fail(ONED.ACTION, ctx.method, `Password for driver ${u.driver} cannot be changed.`, id);
      checkPassword(ctx, u.driver, args.str(1));
      u.password = storedPassword(u.driver, args.str(1));
      u.tokens = [];
      u.session = null;
      return id;
    },
  },

  'one.user.chgrp': {
    params: 'ii',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const [id, gid] = [args.int(0), args.int(1)];
      const u = getOr(state.users.get(id), ctx.method, 'user', id);
      const g = getOr(state.groups.get(gid), ctx.method, 'group', gid);
      authorize(
        state,
        ctx.method,
        ctx.who,
        [
          ['USER', userAuth(u), OP.MANAGE],
          ['GROUP', groupAuth(g.id), OP.USE],
        ],
        id,
      );
      if (u.id === 0 && gid !== 0)
        throw fail(ONED.ACTION, ctx.method, 'Cannot change primary group of user oneadmin.', id);
      const old = u.gid;
      u.gid = gid;
      u.groups = [...new Set([...u.groups.filter((x) => x !== old), gid])].sort((a, b) => a - b);
      u.session = null;
      state.vmVersion++; // quota usage depends on group membership
      return id;
    },
  },

  'one.user.enable': {
    params: 'ib',
    handler: (ctx, args) => {
      const id = args.int(0);
      const u = fetchUser(ctx, id, OP.ADMIN);
      u.enabled = args.bool(1);
      u.session = null;
      return id;
    },
  },

  'one.user.login': {
    params: 'ssi',
    optional: ['i'],
    handler: (ctx, args) => login(ctx, args.str(0), args.str(1), args.int(2), args.int(3, -1)),
  },

  'one.user.quota': quotaSpec(USER_KIND, 'user'),
  ...userAdminMethods(USER_KIND),
};

export const userModule: KindModule = { rpc: 'user', ops: systemOps(USER_KIND), methods: userMethods };
