// Sunstone's routes/support.rb, vcenter.rb and nsx.rb (reference sunstone-server.md §3.10) talk to
// services this server does not: Zendesk (support requests), vCenter (imports) and NSX managers.
// Rather than a 404 that looks like a typo, every path under /support, /vcenter and /nsx answers 501
// with Sunstone's error JSON saying so and where to go instead. As in Sunstone, a route file only
// exists when `:routes` lists it (the default lists all three); the paths need a session like any
// other API path.
import type { FastifyInstance } from 'fastify';
import { ServiceNotSupportedError } from './errors.js';

export interface ExternalServicesOptions {
  /** :routes of sunstone-server.conf. */
  readonly routes: readonly string[];
}

const SERVICES: Readonly<Record<string, string>> = {
  support: 'OpenNebula Systems support requests (Zendesk)',
  vcenter: 'vCenter imports',
  nsx: 'NSX manager authentication',
};

export async function externalServiceRoutes(
  app: FastifyInstance,
  opts: ExternalServicesOptions,
): Promise<void> {
  for (const [route, what] of Object.entries(SERVICES)) {
    if (!opts.routes.includes(route)) continue;
    const refuse = async (): Promise<never> => {
      throw new ServiceNotSupportedError(route, what);
    };
    app.all(`/${route}/*`, refuse);
  }
}
