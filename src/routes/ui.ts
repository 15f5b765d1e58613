// GET / and GET /login (reference §3.1): the single-page UI, which is both the login page and the
// app. The page carries the session's CSRF token (empty before login), the base path, the `:auth`
// mode and `:keep_me_logged` in its placeholders, as Sunstone's login.erb and index.erb carry them
// (remote and x509 logins show no user/password fields). Public routes: no CSRF needed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthMode } from '../config/types.js';
import { UiNotBuiltError } from './errors.js';

export interface UiRoutesOptions {
  /** The built UI: index.html and assets/ (scripts/build-ui.mjs writes them). */
  readonly publicDir: string;
  /** :base_path, '' at the root. */
  readonly basePath: string;
  /** What the login page asks for (defaults: the config defaults, opennebula and true). */
  readonly login?: LoginPageSettings;
}

/** The settings of sunstone-server.conf the login page follows. */
export interface LoginPageSettings {
  /** :auth: remote and x509 show only "Keep me logged in" and the button. */
  readonly auth: AuthMode;
  /** :keep_me_logged: whether the page offers "Keep me logged in". */
  readonly keepMeLogged: boolean;
}

const DEFAULT_LOGIN: LoginPageSettings = { auth: 'opennebula', keepMeLogged: true };

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

export function renderIndex(
  template: string,
  csrf: string,
  basePath: string,
  login: LoginPageSettings = DEFAULT_LOGIN,
): string {
  return template
    .replaceAll('__SUNSTONE_CSRF__', escapeHtml(csrf))
    .replaceAll('__SUNSTONE_BASE__', escapeHtml(basePath))
    .replaceAll('__SUNSTONE_AUTH__', escapeHtml(login.auth))
    .replaceAll('__SUNSTONE_KEEP_ME_LOGGED__', login.keepMeLogged ? 'true' : 'false');
}

export async function uiRoutes(app: FastifyInstance, opts: UiRoutesOptions): Promise<void> {
  const login = opts.login ?? DEFAULT_LOGIN;
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
    return reply.type(HTML_TYPE).send(renderIndex(html, csrf, opts.basePath, login));
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
