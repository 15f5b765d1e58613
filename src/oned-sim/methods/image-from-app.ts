// one.image.allocate with FROM_APP (what a marketplace app export sends, reference sunstone-server.md
// §4.6): oned copies the app's SOURCE, FORMAT, SIZE and MD5 into the new image and notes the app
// it came from. The app must be readable (USE) and READY.
import { OP } from '../authz.js';
import { type CallContext } from '../call.js';
import type { Template } from '../template.js';
import { allocError, fetchAuthorized } from './common.js';
import { APP, MARKETAPP_KIND } from './markets.js';

/** Fills PATH, FORMAT, SIZE from the app named by FROM_APP; no-op without FROM_APP. */
export function applyFromApp(ctx: CallContext, t: Template): void {
  const text = t.get('FROM_APP');
  if (text === undefined) return;
  if (!/^\d+$/.test(text)) throw allocError(ctx, 'image', `Wrong FROM_APP value ${text}.`);
  const app = fetchAuthorized(ctx, MARKETAPP_KIND, Number(text), OP.USE);
  if (app.state !== APP.READY)
    throw allocError(ctx, 'image', `Marketplace app ${app.id} is not READY, cannot export it.`);
  t.set('PATH', app.source);
  t.set('FORMAT', app.format);
  t.set('SIZE', String(app.size));
  t.set('FROM_APP_NAME', app.name);
  t.set('FROM_APP_MD5', app.md5);
}
