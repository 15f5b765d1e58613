// Security groups and marketplaces, until each gets its own module.
import type { MarketRec, SecGroupRec } from '../records.js';
import { marketXml } from '../xml/market.js';
import { secGroupXml } from '../xml/secgroup.js';
import { ownedKind } from './common.js';
import { ownedOps, type KindModule } from './generic.js';

const SECGROUP_KIND = ownedKind<SecGroupRec>({
  authType: 'SECGROUP',
  objectName: 'security group',
  pool: (s) => s.secgroups,
  xml: (ctx, sg) => secGroupXml(ctx.sim.state, sg),
  template: (sg) => sg.template,
  unique: 'owner',
});

const MARKET_KIND = ownedKind<MarketRec>({
  authType: 'MARKETPLACE',
  objectName: 'marketplace',
  pool: (s) => s.markets,
  xml: (ctx, m) => marketXml(ctx.sim.state, m),
  template: (m) => m.template,
  unique: 'global',
});

export const infraModules: readonly KindModule[] = [
  { rpc: 'secgroup', ops: ownedOps(SECGROUP_KIND), methods: {} },
  { rpc: 'market', ops: ownedOps(MARKET_KIND), methods: {} },
];
