// Seed data that looks like a real small cloud, the same for the same --seed and clock: the
// bootstrap objects of a fresh oned, infrastructure, `vms` VMs, and the users of the login modes.
import { seedBootstrap } from './seed-bootstrap.js';
import { seedExtras } from './seed-extras.js';
import { seedHosts, seedImages, seedTemplates, seedVnets } from './seed-infra.js';
import { seedLoginUsers } from './seed-login-users.js';
import { seedVms } from './seed-vms.js';
import { seedWilds } from './seed-wilds.js';
import type { Sim } from './sim.js';

export interface SeedOptions {
  readonly vms: number;
}

export interface SeedResult {
  /** The plain serveradmin password (the second field of sunstone_auth). */
  readonly serverAdminPassword: string;
}

export function seedCloud(sim: Sim, opts: SeedOptions): SeedResult {
  const now = sim.now();
  const password = seedBootstrap(sim.state, sim.rng);
  seedHosts(sim, opts.vms);
  seedImages(sim, now);
  seedVnets(sim, opts.vms);
  seedTemplates(sim, now);
  seedVms(sim, opts.vms, now);
  // Last, so the users above and every seeded object keep their ids and random values.
  seedLoginUsers(sim.state);
  seedExtras(sim, now);
  seedWilds(sim);
  return { serverAdminPassword: password };
}
