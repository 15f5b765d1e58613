// What the server rendered into index.html for this page load (no inline script, so a strict CSP
// works): the session's CSRF token ('' when not logged in) and the base path ('' or e.g. /sunstone).

export interface PageMeta {
  readonly csrfToken: string;
  readonly base: string;
}

function meta(doc: Document, name: string): string {
  const value = doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
  // An unreplaced placeholder (the page opened from disk or a server that does not fill it) is empty.
  return value.startsWith('__SUNSTONE_') ? '' : value;
}

export function readPageMeta(doc: Document): PageMeta {
  return { csrfToken: meta(doc, 'sunstone-csrf'), base: meta(doc, 'sunstone-base').replace(/\/+$/, '') };
}
