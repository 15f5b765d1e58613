// The signed-in user (GET /user/-1: oned answers -1 with the user of the session, reference
// oned-xmlrpc.md), for the header when the page load does not know the name yet.
import { child, isObject, text } from '../model/one-json.js';
import type { ApiClient } from './client.js';
import { BadResponseError } from './errors.js';

export interface Self {
  /** SUNSTONE/DISPLAY_NAME when the user set one, else the user name (as Sunstone shows it). */
  readonly displayName: string;
}

export async function getSelf(client: ApiClient): Promise<Self> {
  const body = await client.callJson({ method: 'GET', path: '/user/-1', query: { timeout: 'true' } });
  const user = isObject(body) && isObject(body.USER) ? body.USER : undefined;
  if (user === undefined) throw new BadResponseError('GET /user/-1 did not answer a USER document.', 200);
  const display = text(child(child(user, 'TEMPLATE'), 'SUNSTONE'), 'DISPLAY_NAME');
  return { displayName: display || text(user, 'NAME') };
}
