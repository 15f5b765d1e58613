// Under :base_path (e.g. /sunstone) the page lives at /sunstone/, and `GET /sunstone` is sent there,
// as nginx and Apache do for a directory: the browser then resolves the page's URLs against the
// right base. Registered outside the prefix, next to the 404 every other path outside it gets.
import type { FastifyInstance } from 'fastify';

export interface BasePathRoutesOptions {
  /** :base_path, never '' here (nothing to redirect at the root). */
  readonly basePath: string;
}

export async function basePathRoutes(app: FastifyInstance, opts: BasePathRoutesOptions): Promise<void> {
  app.get(opts.basePath, async (request, reply) => {
    const q = request.url.indexOf('?');
    return reply.redirect(`${opts.basePath}/${q < 0 ? '' : request.url.slice(q)}`, 301);
  });
}
