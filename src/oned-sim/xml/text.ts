// The two ways oned writes text: core fields as plain element text, template values wrapped in
// CDATA (one_util::escape_xml; reference oned-xmlrpc.md §4.1).

/** Plain element text. oned writes names unescaped; we escape the three characters that would
 * make the document unparsable, so odd names cannot break a client. */
export function text(s: string): string {
  return /[<>&]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
}

/** A CDATA section; a `]]>` inside the value is split across two sections so the XML stays valid. */
export function cdata(s: string): string {
  return `<![CDATA[${s.includes(']]>') ? s.split(']]>').join(']]]]><![CDATA[>') : s}]]>`;
}

/** `<TAG>n</TAG>` for numbers and plain strings. */
export function el(tag: string, value: string | number): string {
  return `<${tag}>${typeof value === 'number' ? String(value) : text(value)}</${tag}>`;
}

/** `<TAG><![CDATA[v]]></TAG>`. */
export function cel(tag: string, value: string | number): string {
  return `<${tag}>${cdata(String(value))}</${tag}>`;
}

/** `<TAG><ID>1</ID><ID>2</ID></TAG>` (an ObjectCollection). */
export function ids(tag: string, list: Iterable<number>): string {
  let s = `<${tag}>`;
  for (const id of list) s += `<ID>${id}</ID>`;
  return `${s}</${tag}>`;
}
