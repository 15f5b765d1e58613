// Security groups and marketplaces, until each gets its own module.
import type { MarketRec } from '../records.js';
import { marketXml } from '../xml/market.js';
import { ownedKind } from './common.js';
import { ownedOps, type KindModule } from './generic.js';

const MARKET_KIND = ownedKind<MarketRec>({
  authType: 'MARKETPLACE',
  objectName: 'marketplace',
  pool: (s) => s.markets,
  xml: (ctx, m) => marketXml(ctx.sim.state, m),
  template: (m) => m.template,
  unique: 'global',
});

export const infraModules: readonly KindModule[] = [
  { rpc: 'market', ops: ownedOps(MARKET_KIND), methods: {} },
];
