// GET /config (reference §3.3): the session's user settings the UI follows (language for now).
import { isObject } from '../model/one-json.js';
import type { ApiClient } from './client.js';

export interface UserConfig {
  /** Sunstone's language code, e.g. "en_US"; '' when the server gives none. */
  readonly lang: string;
}

export async function getUserConfig(client: ApiClient): Promise<UserConfig> {
  const body = await client.callJson({ method: 'GET', path: '/config', query: { timeout: 'true' } });
  const user = isObject(body) ? body.user_config : undefined;
  const lang = isObject(user) && typeof user.lang === 'string' ? user.lang : '';
  return { lang };
}
