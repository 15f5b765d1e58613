// oned's template: a multimap of attributes, each a single value or a vector of sub-attributes.
// oned stores them in std::multimap / std::map, so its XML lists attributes sorted by name (byte
// order), repeated names in insertion order, and the sub-attributes of a vector sorted by name
// (reference oned-xmlrpc.md §4.1). We keep the list sorted on insert so serialising is one pass.
import { cdata } from './xml/text.js';

export type Vector = Map<string, string>;

export type Attr =
  | { readonly name: string; readonly value: string; readonly vector?: undefined }
  | { readonly name: string; readonly vector: Vector; readonly value?: undefined };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class Template {
  private readonly list: Attr[] = [];

  /** All attributes in oned's order. */
  get attrs(): readonly Attr[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** Adds after any attribute of the same name (multimap insertion). */
  add(attr: Attr): this {
    let i = this.list.length;
    while (i > 0 && cmp((this.list[i - 1] as Attr).name, attr.name) > 0) i--;
    this.list.splice(i, 0, attr);
    return this;
  }

  /** Replaces every attribute of that name with one single value. */
  set(name: string, value: string): this {
    this.remove(name);
    return this.add({ name, value });
  }

  /** Replaces every attribute of that name with one vector. */
  setVector(name: string, vector: Vector): this {
    this.remove(name);
    return this.add({ name, vector });
  }

  remove(name: string): void {
    for (let i = this.list.length - 1; i >= 0; i--)
      if ((this.list[i] as Attr).name === name) this.list.splice(i, 1);
  }

  has(name: string): boolean {
    return this.list.some((a) => a.name === name);
  }

  /** The first single value of that name. */
  get(name: string): string | undefined {
    for (const a of this.list) if (a.name === name && a.value !== undefined) return a.value;
    return undefined;
  }

  /** Every vector of that name, in order. */
  vectors(name: string): Vector[] {
    const out: Vector[] = [];
    for (const a of this.list) if (a.name === name && a.vector) out.push(a.vector);
    return out;
  }

  vector(name: string): Vector | undefined {
    return this.vectors(name)[0];
  }

  /** Update type 1 (merge): every name present in `other` replaces the same name here. */
  merge(other: Template): this {
    const names = new Set(other.list.map((a) => a.name));
    for (const n of names) this.remove(n);
    for (const a of other.list) this.add(cloneAttr(a));
    return this;
  }

  /** Update type 0 (replace). */
  replaceWith(other: Template): this {
    this.list.length = 0;
    for (const a of other.list) this.list.push(cloneAttr(a));
    return this;
  }

  clone(): Template {
    return new Template().replaceWith(this);
  }

  /** Moves every attribute whose name `pick` accepts into a new template. */
  extract(pick: (name: string) => boolean): Template {
    const out = new Template();
    for (let i = 0; i < this.list.length;) {
      const a = this.list[i] as Attr;
      if (pick(a.name)) {
        out.list.push(a);
        this.list.splice(i, 1);
      } else i++;
    }
    return out;
  }

  /** The attributes as oned writes them inside the enclosing element: CDATA values, sorted. */
  body(): string {
    let s = '';
    for (const a of this.list) s += attrXml(a);
    return s;
  }

  /** `<TAG>body</TAG>`; oned writes an empty template as an open and a close tag. */
  xml(tag: string): string {
    return `<${tag}>${this.body()}</${tag}>`;
  }
}

function cloneAttr(a: Attr): Attr {
  return a.vector ? { name: a.name, vector: new Map(a.vector) } : { name: a.name, value: a.value };
}

export function attrXml(a: Attr): string {
  if (!a.vector) return `<${a.name}>${cdata(a.value)}</${a.name}>`;
  return `<${a.name}>${vectorBody(a.vector)}</${a.name}>`;
}

/** Sub-attributes sorted by name (std::map), each CDATA-wrapped. */
export function vectorBody(v: Vector): string {
  let s = '';
  for (const k of [...v.keys()].sort(cmp)) s += `<${k}>${cdata(v.get(k) as string)}</${k}>`;
  return s;
}

/** Builds a template from plain data: strings are single values, objects are vectors. */
export function templateOf(
  entries: ReadonlyArray<readonly [string, string | Record<string, string>]>,
): Template {
  const t = new Template();
  for (const [name, v] of entries) {
    if (typeof v === 'string') t.add({ name, value: v });
    else t.add({ name, vector: new Map(Object.entries(v)) });
  }
  return t;
}
