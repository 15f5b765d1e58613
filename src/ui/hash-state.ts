// Where the user is, kept in the URL's hash (#/vms?q=web&sort=name&dir=asc). The server serves the
// app only at its base URL, so the hash is what survives a reload or a session expiry: after the
// next login the app shows the same page with the same filter (ui.md).

export interface HashState {
  readonly page: string;
  readonly params: URLSearchParams;
}

export function parseHash(hash: string): HashState {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const page = (q === -1 ? raw : raw.slice(0, q)) || 'vms';
  return { page, params: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)) };
}

export function formatHash(page: string, params: Readonly<Record<string, string>>): string {
  const kept = Object.entries(params).filter(([, v]) => v !== '');
  const qs = new URLSearchParams(kept).toString();
  return `#/${page}${qs ? `?${qs}` : ''}`;
}
