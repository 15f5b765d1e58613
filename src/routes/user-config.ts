// GET /config (reference §3.3): the session user's UI language and the server's VNC settings, compact.
import type { FastifyInstance } from 'fastify';
import type { SunstoneConfig } from '../config/types.js';
import { JSON_TYPE } from './json-reply.js';

export interface UserConfigOptions {
  readonly config: Pick<SunstoneConfig, 'vnc_proxy_support_wss' | 'marketplace_url' | 'vnc_proxy_port'>;
}

/** Sunstone stores "yes" when :vnc_proxy_support_wss is true, yes or only (reference §5.3). */
export function vncWss(setting: string | boolean): 'yes' | 'no' {
  return ['true', 'yes', 'only'].includes(String(setting).toLowerCase()) ? 'yes' : 'no';
}

/** YAML gives Ruby an Integer for `:vnc_proxy_port: 29876` (so JSON 29876) and a String for "ip:port". */
function portValue(port: string): string | number {
  return /^\d+$/.test(port) ? Number(port) : port;
}

export async function userConfigRoutes(app: FastifyInstance, opts: UserConfigOptions): Promise<void> {
  const { config } = opts;
  const wss = vncWss(config.vnc_proxy_support_wss);
  const system = {
    marketplace_url: config.marketplace_url,
    vnc_proxy_port: portValue(config.vnc_proxy_port),
  };
  app.get('/config', async (request, reply) => {
    const lang = request.session?.data.lang ?? null;
    return reply
      .type(JSON_TYPE)
      .send(JSON.stringify({ user_config: { lang, vnc_wss: wss }, system_config: system }));
  });
}
