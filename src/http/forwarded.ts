// RFC 7239 `Forwarded` header: `for=192.0.2.60;proto=https;host=x, for="[2001:db8::17]:4711"`.
// Each proxy appends one element; parameter names are case-insensitive, values are tokens or
// quoted strings. Only what the server needs is kept: the client node, the scheme and the host.

export interface ForwardedElement {
  /** The node the proxy received the request from: an IP (port and brackets dropped), or an
   * identifier such as `unknown` / `_hidden` as sent. */
  readonly for?: string;
  readonly proto?: string;
  readonly host?: string;
}

/** Elements beyond this are ignored: no real chain of proxies is this long. */
export const MAX_FORWARDED_ELEMENTS = 64;

/** Splits on `sep` outside double quotes (quoted strings may hold commas and semicolons). */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/** `[2001:db8::1]:80` -> `2001:db8::1`, `192.0.2.1:80` -> `192.0.2.1`; identifiers unchanged. */
export function forwardedNode(value: string): string {
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end < 0 ? value : value.slice(1, end);
  }
  const colon = value.indexOf(':');
  // One colon: IPv4 (or an identifier) with a port. More than one: a bare IPv6, which RFC 7239
  // requires in brackets, kept as sent rather than guessed at.
  return colon >= 0 && value.indexOf(':', colon + 1) < 0 ? value.slice(0, colon) : value;
}

/** The elements of a Forwarded header (several headers arrive joined with commas), first proxy first. */
export function parseForwarded(header: string): ForwardedElement[] {
  const elements: ForwardedElement[] = [];
  for (const part of splitOutsideQuotes(header, ',').slice(0, MAX_FORWARDED_ELEMENTS)) {
    if (part.trim() === '') continue;
    const e: { for?: string; proto?: string; host?: string } = {};
    for (const pair of splitOutsideQuotes(part, ';')) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim().toLowerCase();
      const value = unquote(pair.slice(eq + 1));
      if (value === '') continue;
      if (name === 'for') e.for = forwardedNode(value);
      else if (name === 'proto') e.proto = value.toLowerCase();
      else if (name === 'host') e.host = value;
    }
    elements.push(e);
  }
  return elements;
}
