// Reading Sunstone's JSON form of oned documents (reference sunstone-server.md §4.1-4.2): every scalar
// is a string, an empty element is `{}`, and a repeated element is an array while a single one is a
// plain value, so every reader must accept all three shapes. The UI's own copy of the type: the
// server's (src/one/types.ts) drags Node-only codec types into the browser build.

export type OneJsonValue = string | null | OneJsonObject | OneJsonValue[];
export interface OneJsonObject {
  [key: string]: OneJsonValue;
}

export function isObject(value: unknown): value is OneJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One child or several, as a list; absent, null and `{}` (an empty element) give []. */
export function asList(value: OneJsonValue | undefined): OneJsonValue[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isObject(value) && Object.keys(value).length === 0) return [];
  return [value];
}

/** The objects among `value`'s one-or-many children. */
export function objectList(value: OneJsonValue | undefined): OneJsonObject[] {
  return asList(value).filter(isObject);
}

/** A child element's text, or '' when absent or not text (an empty element is `{}`). */
export function text(obj: OneJsonObject | undefined, key: string): string {
  const v = obj?.[key];
  if (typeof v === 'string') return v;
  // Ruby Sunstone's paged path keeps one value of repeated text elements; we keep all (design.md).
  if (Array.isArray(v)) {
    const last = v[v.length - 1];
    return typeof last === 'string' ? last : '';
  }
  return '';
}

/** A child element as an object (the first one when repeated), or undefined. */
export function child(obj: OneJsonObject | undefined, key: string): OneJsonObject | undefined {
  return objectList(obj?.[key])[0];
}

/** A numeric text, or null when absent or not a number. */
export function num(obj: OneJsonObject | undefined, key: string): number | null {
  const t = text(obj, key).trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
