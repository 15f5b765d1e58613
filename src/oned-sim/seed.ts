// Seed data that looks like a real small cloud, the same for the same --seed and clock: the
// bootstrap objects of a fresh oned, infrastructure, and `vms` VMs.
import { seedBootstrap } from './seed-bootstrap.js';
import { seedHosts, seedImages, seedTemplates, seedVnets } from './seed-infra.js';
import { seedVms } from './seed-vms.js';
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
  return { serverAdminPassword: password };
}
