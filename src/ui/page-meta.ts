// What the server rendered into index.html for this page load (no inline script, so a strict CSP
// works): the session's CSRF token ('' when not logged in), the base path ('' or e.g. /sunstone),
// and what the login page asks for (`:auth` and `:keep_me_logged` of sunstone-server.conf).
import type { AuthMode } from '../config/types.js';

export interface PageMeta {
  readonly csrfToken: string;
  readonly base: string;
  /** :auth; an unknown or missing value is the default, opennebula (user and password). */
  readonly auth: AuthMode;
  /** :keep_me_logged; shown unless the server says "false" (the default is true). */
  readonly keepMeLogged: boolean;
}

/** What is read of the Document (a fake in unit tests, which run without the DOM's types). */
export interface MetaSource {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

const AUTH_MODES: readonly AuthMode[] = ['opennebula', 'sunstone', 'remote', 'x509'];

function meta(doc: MetaSource, name: string): string {
  const value = doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
  // An unreplaced placeholder (the page opened from disk or a server that does not fill it) is empty.
  return value.startsWith('__SUNSTONE_') ? '' : value;
}

function authMode(value: string): AuthMode {
  return AUTH_MODES.find((m) => m === value) ?? 'opennebula';
}

export function readPageMeta(doc: MetaSource): PageMeta {
  return {
    csrfToken: meta(doc, 'sunstone-csrf'),
    base: meta(doc, 'sunstone-base').replace(/\/+$/, ''),
    auth: authMode(meta(doc, 'sunstone-auth')),
    keepMeLogged: meta(doc, 'sunstone-keep-me-logged') !== 'false',
  };
}

/** Modes where the front web server or the TLS client certificate names the user: no password. */
export function signsInWithoutPassword(auth: AuthMode): boolean {
  return auth === 'remote' || auth === 'x509';
}
