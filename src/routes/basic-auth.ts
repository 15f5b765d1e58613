// The `Authorization: Basic` credentials of POST /login. Sunstone's browser code encodes them as
// base64 of UTF-8 "user:password" (reference §3.2); the password may itself contain colons.

export interface BasicCredentials {
  readonly user: string;
  readonly password: string;
}

/** The credentials, or null when the header is absent, not Basic or has no colon. */
export function parseBasicAuth(header: string | undefined): BasicCredentials | null {
  if (header === undefined) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]*)\s*$/i.exec(header);
  if (match === null) return null;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
