// Reading values out of Sunstone JSON (an oned document converted by the DOM rules: text elements
// are strings, repeated siblings arrays, empty elements {}) the way OCA's XMLElement#[] and #each
// read the XML with simple paths like "TEMPLATE/ENDPOINT" or "HOST/HOST_SHARE/PCI_DEVICES/PCI".
import type { OneJson, OneJsonValue } from '../one/types.js';

/** `v` as a list: [] for missing/null, the array itself, or a one-element list. */
export function asList(v: OneJsonValue | undefined): OneJsonValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

export function isObject(v: OneJsonValue | undefined): v is OneJson {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every node at `path` below `v`, in document order (each step fans out over repeated elements). */
export function nodesAt(v: OneJsonValue | undefined, path: string): OneJsonValue[] {
  let level: OneJsonValue[] = asList(v);
  for (const step of path.split('/')) {
    if (step === '') continue;
    const next: OneJsonValue[] = [];
    for (const node of level) if (isObject(node)) next.push(...asList(node[step]));
    level = next;
  }
  return level;
}

/** The text of a node: its string, "" for an empty element ({}), undefined for an element with children. */
export function textOf(v: OneJsonValue): string | undefined {
  if (typeof v === 'string') return v;
  if (isObject(v) && Object.keys(v).length === 0) return '';
  return undefined;
}

/** The text of the first node at `path` (XMLElement#[]), or undefined when there is none. */
export function textAt(v: OneJsonValue | undefined, path: string): string | undefined {
  for (const node of nodesAt(v, path)) {
    const t = textOf(node);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** The texts of every node at `path` (retrieve_elements). */
export function textsAt(v: OneJsonValue | undefined, path: string): string[] {
  const out: string[] = [];
  for (const node of nodesAt(v, path)) {
    const t = textOf(node);
    if (t !== undefined) out.push(t);
  }
  return out;
}
