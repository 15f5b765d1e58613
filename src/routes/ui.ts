// GET / and GET /login (reference §3.1): the single-page UI, which is both the login page and the
// app. The page carries the session's CSRF token (empty before login) and the base path in its
// placeholders, as Sunstone's index.erb carries `csrftoken`. Public routes: no CSRF needed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UiNotBuiltError } from './errors.js';

export interface UiRoutesOptions {
  /** The built UI: index.html and assets/ (scripts/build-ui.mjs writes them). */
  readonly publicDir: string;
  /** :base_path, '' at the root. */
  readonly basePath: string;
}

const HTML_TYPE = 'text/html;charset=utf-8';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

export function renderIndex(template: string, csrf: string, basePath: string): string {
  return template
    .replaceAll('__SUNSTONE_CSRF__', escapeHtml(csrf))
    .replaceAll('__SUNSTONE_BASE__', escapeHtml(basePath));
}

export async function uiRoutes(app: FastifyInstance, opts: UiRoutesOptions): Promise<void> {
  const indexFile = join(opts.publicDir, 'index.html');
  // Read once the first time it exists; until then every GET / says how to build it.
  let template: string | undefined;
  async function page(): Promise<string> {
    if (template === undefined) {
      try {
        template = await readFile(indexFile, 'utf8');
      } catch (err) {
        throw new UiNotBuiltError(indexFile, err);
      }
    }
    return template;
  }

  async function sendPage(request: FastifyRequest, reply: FastifyReply, csrf: string): Promise<FastifyReply> {
    let html: string;
    try {
      html = await page();
    } catch (err) {
      // Plain text: this is read by a person in a browser, not by the UI's scripts.
      request.log.error({ err }, 'web UI not built');
      const message = err instanceof Error ? err.message : String(err);
      return reply.code(500).type('text/plain;charset=utf-8').send(message);
    }
    return reply.type(HTML_TYPE).send(renderIndex(html, csrf, opts.basePath));
  }

  // Under a base path only `/sunstone/` is the page; `/sunstone` redirects there (base-path.ts).
  app.get('/', { prefixTrailingSlash: 'slash' }, async (request, reply) =>
    sendPage(request, reply, request.session?.data.csrftoken ?? ''),
  );

  // Sunstone: the login page when logged out, a redirect to the app when logged in.
  app.get('/login', async (request, reply) => {
    if (request.session !== null) return reply.redirect(`${opts.basePath}/`, 302);
    return sendPage(request, reply, '');
  });
}
