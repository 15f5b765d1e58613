// Marketplaces and their apps (reference oned-xmlrpc.md §2.10 "other families"; marketplace.xsd,
// marketplaceapp.xsd). Marketplaces: allocate (NAME, MARKET_MAD and the driver's required
// attributes; ids from 100), enable/disable, delete (only empty ones) and the generic rest. Apps:
// allocate into a private marketplace from an image (LOCKED until exported, then READY),
// enable/disable, and the generic rest. Public marketplaces (one, linuxcontainers...) take no apps.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { MarketAppRec, MarketRec } from '../records.js';
import { marketXml } from '../xml/market.js';
import { marketAppXml } from '../xml/marketapp.js';
import {
  allocError,
  allocName,
  allocTemplate,
  fetchAuthorized,
  newOwned,
  ownedKind,
  parseOrFail,
} from './common.js';
import { ownedOps, type KindModule } from './generic.js';
import { COPY_DELAY, IMAGE_KIND } from './image-kind.js';
import { appContent } from './marketapp-meta.js';

/** Drivers whose marketplaces only list apps (oned.conf MARKET_MAD_CONF PUBLIC = YES). */
const PUBLIC_MADS = new Set(['one', 'linuxcontainers', 'turnkeylinux', 'dockerhub']);
/** Attributes each driver requires (MARKET_MAD_CONF REQUIRED_ATTRS). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  http: ['BASE_URL', 'PUBLIC_DIR'],
  s3: ['ACCESS_KEY_ID', 'SECRET_ACCESS_KEY', 'REGION', 'BUCKET'],
};
export const APP = { READY: 1, LOCKED: 2, ERROR: 3, DISABLED: 4 } as const;
const APP_STATES = ['INIT', 'READY', 'LOCKED', 'ERROR', 'DISABLED'];
const APP_TYPES = ['UNKNOWN', 'IMAGE', 'VMTEMPLATE', 'SERVICE_TEMPLATE'];

export const MARKET_KIND = ownedKind<MarketRec>({
  authType: 'MARKETPLACE',
  objectName: 'marketplace',
  pool: (s) => s.markets,
  xml: (ctx, m) => marketXml(ctx.sim.state, m),
  template: (m) => m.template,
  unique: 'global',
  deleteRefusal: (ctx, m) =>
    ctx.sim.state.marketapps.find((a) => a.marketId === m.id) ? `MarketPlace ${m.id} is not empty.` : null,
});

export const MARKETAPP_KIND = ownedKind<MarketAppRec>({
  authType: 'MARKETPLACEAPP',
  objectName: 'marketplaceapp',
  pool: (s) => s.marketapps,
  xml: (ctx, a) => marketAppXml(ctx.sim.state, a),
  template: (a) => a.template,
  unique: 'owner',
});

function enable<T extends { state: number }>(on: boolean, obj: T, ready: number, disabled: number): void {
  obj.state = on ? ready : disabled;
}

function allocateApp(ctx: CallContext, text: string, marketId: number): number {
  const state = ctx.sim.state;
  const market = getOr(state.markets.get(marketId), ctx.method, 'marketplace', marketId);
  authorize(state, ctx.method, ctx.who, [
    ['MARKETPLACEAPP', null, OP.CREATE],
    ['MARKETPLACE', MARKET_KIND.auth(market), OP.USE],
  ]);
  const err = (detail: string): Error => allocError(ctx, MARKETAPP_KIND.objectName, detail);
  if (PUBLIC_MADS.has(market.marketMad)) throw err(`Create disabled for market: ${market.name}`);
  if (market.state !== 0) throw err(`Marketplace ${market.name} is disabled.`);
  const t = parseOrFail(ctx.method, text);
  const name = allocName(ctx, MARKETAPP_KIND, t, ctx.who.uid);
  const typeName = (t.get('TYPE') ?? 'IMAGE').toUpperCase();
  const type = APP_TYPES.indexOf(typeName);
  if (type <= 0) throw err(`Unknown app TYPE ${typeName}.`);
  const originText = t.get('ORIGIN_ID') ?? '-1';
  const origin = Number(originText);
  let size = 0;
  let format = 'raw';
  if (type === 1) {
    const img = state.images.get(origin);
    if (!img || !/^\d+$/.test(originText)) throw err(`Cannot find image ${originText} to export.`);
    authorize(state, ctx.method, ctx.who, [['IMAGE', IMAGE_KIND.auth(img), OP.USE]]);
    size = img.size;
    format = img.format;
  }
  const description = t.get('DESCRIPTION') ?? '';
  for (const k of ['ORIGIN_ID', 'TYPE', 'DESCRIPTION']) t.remove(k);
  const content = appContent(typeName, t);
  const id = state.marketapps.nextId();
  const app: MarketAppRec = {
    ...newOwned(ctx, id, name),
    regtime: ctx.sim.now(),
    originId: origin,
    source: `${market.template.get('BASE_URL') ?? 'http://localhost'}/${ctx.sim.rng.hex(16)}`,
    md5: ctx.sim.rng.hex(16),
    size,
    description,
    version: t.get('VERSION') ?? '0.0',
    format,
    appTemplate64: content.appTemplate64,
    marketId,
    state: content.ready ? APP.READY : APP.LOCKED,
    type,
    zoneId: market.zoneId,
    template: t,
  };
  state.marketapps.insert(app);
  if (!content.ready)
    ctx.sim.timeline.defer(`marketapp:${id}`, COPY_DELAY, () => {
      if (app.state === APP.LOCKED) app.state = APP.READY;
    });
  return id;
}

export const marketMethods: Record<string, MethodSpec> = {
  'one.market.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const { t, name } = allocTemplate(ctx, MARKET_KIND, args.str(0), 0);
      const mad = t.get('MARKET_MAD') ?? '';
      if (mad === '') throw allocError(ctx, 'marketplace', 'No MARKET_MAD in template.');
      const missing = (REQUIRED[mad] ?? []).find((a) => (t.get(a) ?? '') === '');
      if (missing !== undefined)
        throw allocError(ctx, 'marketplace', `MarketPlace template is missing the ${missing} attribute.`);
      const id = state.markets.nextId();
      state.markets.insert({
        ...newOwned(ctx, id, name),
        state: 0,
        marketMad: mad,
        zoneId: 0,
        template: t,
      });
      return id;
    },
  },
  'one.market.enable': {
    params: 'ib',
    handler: (ctx, args) => {
      const m = fetchAuthorized(ctx, MARKET_KIND, args.int(0), OP.MANAGE);
      enable(args.bool(1), m, 0, 1);
      return m.id;
    },
  },
  'one.marketapp.allocate': {
    params: 'si',
    handler: (ctx, args) => allocateApp(ctx, args.str(0), args.int(1)),
  },
  'one.marketapp.enable': {
    params: 'ib',
    handler: (ctx, args) => {
      const a = fetchAuthorized(ctx, MARKETAPP_KIND, args.int(0), OP.MANAGE);
      if (![APP.READY, APP.DISABLED].includes(a.state as 1 | 4))
        throw fail(
          ONED.ACTION,
          ctx.method,
          `Cannot ${args.bool(1) ? 'enable' : 'disable'} app in state ${APP_STATES[a.state] ?? a.state}`,
          a.id,
        );
      enable(args.bool(1), a, APP.READY, APP.DISABLED);
      return a.id;
    },
  },
};

export const marketModules: readonly KindModule[] = [
  { rpc: 'market', ops: ownedOps(MARKET_KIND), methods: marketMethods },
  { rpc: 'marketapp', ops: ownedOps(MARKETAPP_KIND), methods: {} },
];
