// GET /vnc, /spice, /guac, /vmrc and /ws (reference sunstone-server.md §3.1, §9). In Ruby Sunstone
// these are pages of the stock UI: noVNC, SPICE-HTML5, Guacamole and VMRC clients that connect to
// websockify or FireEdge. This server has its own UI, which opens VNC consoles through the built-in
// proxy (/websockify on this port, or :vnc_proxy_port) and does not ship those clients, so a link
// made by the old UI (bookmark, e-mail, a script's output) lands on a short page that says where the
// console now is, instead of a 404. /ws was a vestigial websocket endpoint that only logged; it
// answers 204. All public, as in Sunstone (no session or CSRF token), and they reveal nothing.
import type { FastifyInstance } from 'fastify';
import { escapeHtml } from './ui.js';

export interface ConsolePagesOptions {
  /** :base_path, '' at the root. */
  readonly basePath: string;
  /** :public_fireedge_endpoint ('' when FireEdge is not deployed). */
  readonly fireedge: string;
}

const PAGES: Readonly<Record<string, string>> = {
  vnc: 'VNC',
  spice: 'SPICE',
  guac: 'Guacamole (VNC, RDP, SSH)',
  vmrc: 'VMware Remote Console',
};

/** The explanation page for one console kind (HTML, escaped). */
export function consolePage(kind: string, basePath: string, fireedge: string): string {
  const name = PAGES[kind] ?? kind;
  const home = `${basePath}/`;
  const vnc =
    kind === 'vnc'
      ? '<p>VNC consoles open from the virtual machine list of this server: the console goes through ' +
        'this server itself (no separate noVNC proxy), and scripts can ask for a token with ' +
        '<code>POST /vm/&lt;id&gt;/startvnc</code> and connect to <code>/websockify?token=…</code>.</p>'
      : '';
  const fe =
    fireedge === ''
      ? '<p>SPICE, Guacamole and VMRC consoles are served by FireEdge, which is not configured ' +
        '(<code>:public_fireedge_endpoint</code>).</p>'
      : `<p>SPICE, Guacamole (RDP, SSH) and VMRC consoles are served by FireEdge: <a href="${escapeHtml(
          fireedge,
        )}">${escapeHtml(fireedge)}</a>.</p>`;
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(name)} console</title>` +
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style>' +
    '</head><body>' +
    `<h1>${escapeHtml(name)} console</h1>` +
    '<p>This address belongs to the console pages of the former Ruby Sunstone web interface, which ' +
    'sunstone-server does not serve.</p>' +
    vnc +
    fe +
    `<p><a href="${escapeHtml(home)}">Back to Sunstone</a></p>` +
    '</body></html>\n'
  );
}

export async function consolePageRoutes(app: FastifyInstance, opts: ConsolePagesOptions): Promise<void> {
  for (const kind of Object.keys(PAGES)) {
    const html = consolePage(kind, opts.basePath, opts.fireedge);
    app.get(`/${kind}`, async (_request, reply) => reply.type('text/html;charset=utf-8').send(html));
  }
  app.get('/ws', async (request, reply) => {
    request.log.info('GET /ws: the old UI’s vestigial websocket endpoint, nothing to do');
    return reply.code(204).send();
  });
}
