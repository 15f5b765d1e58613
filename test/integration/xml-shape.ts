// Test helper: compares two oned documents by structure rather than values: element names and
// order, and how each value is written (plain text, CDATA, <X></X> or <X/>). Runs of repeated
// siblings may differ in length (three VMs against one); each element is compared with its
// counterpart, extra ones with the last of the other side.

export type Kind = 'text' | 'cdata' | 'open-close' | 'self-closing' | 'parent';

export interface XNode {
  readonly name: string;
  kind: Kind;
  readonly children: XNode[];
}

/** A tokenizer for machine-written XML (no attributes, no comments, no mixed content). */
export function parseShape(xml: string): XNode {
  const root: XNode = { name: '#root', kind: 'parent', children: [] };
  const stack: XNode[] = [root];
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>|<\/([A-Z0-9_]+)>|<([A-Z0-9_]+)(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    const top = stack[stack.length - 1] as XNode;
    if (m[1] !== undefined) top.kind = 'cdata';
    else if (m[2] !== undefined) {
      if (top.kind === 'parent' && top.children.length === 0) top.kind = 'open-close';
      stack.pop();
    } else if (m[3] !== undefined) {
      const node: XNode = { name: m[3], kind: m[4] ? 'self-closing' : 'parent', children: [] };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    } else if (m[5] !== undefined && top.kind === 'parent' && top.children.length === 0) top.kind = 'text';
  }
  const doc = root.children[0];
  if (!doc || stack.length !== 1) throw new Error(`not a complete document: ${xml.slice(0, 80)}`);
  return doc;
}

function runs(nodes: readonly XNode[]): XNode[][] {
  const out: XNode[][] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (last && last[0]?.name === n.name) last.push(n);
    else out.push([n]);
  }
  return out;
}

/** Every leaf below `n` is CDATA (oned's template values). */
function templateLike(n: XNode, path: string, problems: string[]): void {
  for (const c of n.children) {
    if (c.kind === 'parent') templateLike(c, `${path}/${c.name}`, problems);
    else if (c.kind !== 'cdata')
      problems.push(`${path}/${c.name}: template value written as ${c.kind}, oned uses CDATA`);
  }
}

/** An empty list (<VMS></VMS>) against a list of one kind of element (<VMS><ID>1</ID></VMS>). */
function emptyList(empty: XNode, list: XNode): boolean {
  return empty.kind === 'open-close' && list.kind === 'parent' && runs(list.children).length === 1;
}

/**
 * Differences between `ours` and `sample`, as readable lines. Paths in `loose` (e.g.
 * "HOST/TEMPLATE") only need to exist on both sides, with CDATA values on ours.
 */
export function shapeDiff(
  ours: XNode,
  sample: XNode,
  loose: ReadonlySet<string> = new Set(),
  path = ours.name,
): string[] {
  const problems: string[] = [];
  if (ours.name !== sample.name) return [`${path}: element ${ours.name}, sample has ${sample.name}`];
  if (loose.has(path)) {
    templateLike(ours, path, problems);
    return problems;
  }
  if (emptyList(ours, sample) || emptyList(sample, ours)) return [];
  if (ours.kind !== sample.kind) return [`${path}: written as ${ours.kind}, sample as ${sample.kind}`];
  const a = runs(ours.children);
  const b = runs(sample.children);
  const names = (r: XNode[][]): string => r.map((x) => x[0]?.name).join(',');
  if (names(a) !== names(b)) return [`${path}: children [${names(a)}], sample [${names(b)}]`];
  a.forEach((run, i) => {
    const other = b[i] as XNode[];
    run.forEach((node, j) => {
      const counterpart = other[Math.min(j, other.length - 1)] as XNode;
      problems.push(...shapeDiff(node, counterpart, loose, `${path}/${node.name}`));
    });
  });
  return problems;
}
