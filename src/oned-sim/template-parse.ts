// Parses what clients send as templates: OpenNebula's text syntax (`KEY = "v"`, vectors
// `KEY = [ A = "1", B = 2 ]`, `#` comments; names upper-cased) or XML whose root is <TEMPLATE>
// (oned picks XML when the first character is `<`; reference oned-xmlrpc.md §2).
// Errors are thrown as TemplateSyntaxError with a message in the spirit of oned's parser; the
// caller adds oned's "Parse error: " prefix and code.
import { SaxesParser } from 'saxes';
import { Template, type Vector } from './template.js';

export class TemplateSyntaxError extends Error {}

const NAME = /[A-Za-z0-9_\-.]/;

class TextParser {
  private i = 0;
  private line = 1;
  private col = 1;

  constructor(private readonly s: string) {}

  private peek(): string {
    return this.s[this.i] ?? '';
  }

  private advance(): string {
    const c = this.s[this.i++] ?? '';
    if (c === '\n') {
      this.line++;
      this.col = 1;
    } else this.col++;
    return c;
  }

  private fail(expecting: string): never {
    const c = this.peek();
    const what = c === '' ? 'end of file' : c === '\n' ? 'new line' : `"${c}"`;
    throw new TemplateSyntaxError(
      `syntax error, unexpected ${what}, expecting ${expecting} at line ${this.line}, columns ${this.col}:${this.col + 1}`,
    );
  }

  /** Skips blanks; with `newlines` also line ends and comments. */
  private skip(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.advance();
      else if (newlines && c === '\n') this.advance();
      else if (newlines && c === '#') while (this.peek() !== '' && this.peek() !== '\n') this.advance();
      else return;
    }
  }

  private name(): string {
    let n = '';
    while (NAME.test(this.peek()) && this.peek() !== '') n += this.advance();
    if (n === '') this.fail('VARIABLE');
    return n.toUpperCase();
  }

  /**
   * A quoted value. Sunstone writes values without escaping the quotes inside them
   * (`DESCRIPTION="say "hi""`, reference golden/json2template), so a quote only ends the value
   * where the value can end: before a line end, a comment, or, in a vector, before `]` or before
   * `, NAME =`, or before a `]` that ends the line. Elsewhere it is part of the value; `\"` is a quote too.
   */
  private quoted(inVector: boolean): string {
    this.advance(); // opening quote
    let v = '';
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail('"\\""');
      if (c === '\\' && this.s[this.i + 1] === '"' && !this.closesAt(this.i + 1, inVector)) {
        this.advance();
        v += this.advance();
        continue;
      }
      if (c === '"' && this.closesAt(this.i, inVector)) {
        this.advance();
        return v;
      }
      v += this.advance();
    }
  }

  /** Whether the quote at `at` can close a value (see quoted). */
  private closesAt(at: number, inVector: boolean): boolean {
    let j = at + 1;
    while (this.s[j] === ' ' || this.s[j] === '\t' || this.s[j] === '\r') j++;
    const c = this.s[j] ?? '';
    if (c === '' || c === '\n' || c === '#') return true;
    if (!inVector) return false;
    if (c === ']') return /^[ \t\r]*(?:\n|#|$)/.test(this.s.slice(j + 1, j + 200));
    if (c !== ',') return false;
    const rest = this.s.slice(j + 1, j + 200);
    return /^\s*(?:\]|[A-Za-z0-9_\-.]+\s*=)/.test(rest);
  }

  private bare(stops: string): string {
    let v = '';
    while (this.peek() !== '' && !stops.includes(this.peek())) v += this.advance();
    return v.trim();
  }

  private vector(): Vector {
    this.advance(); // [
    const v: Vector = new Map();
    this.skip(true);
    if (this.peek() === ']') {
      this.advance();
      return v;
    }
    for (;;) {
      this.skip(true);
      const k = this.name();
      this.skip(true);
      if (this.peek() !== '=') this.fail('EQUAL');
      this.advance();
      this.skip(false);
      const val = this.peek() === '"' ? this.quoted(true) : this.bare(',]\n');
      v.set(k, val);
      this.skip(true);
      const c = this.peek();
      if (c === ',') {
        this.advance();
        this.skip(true);
        if (this.peek() === ']') {
          this.advance();
          return v;
        }
        continue;
      }
      if (c === ']') {
        this.advance();
        return v;
      }
      this.fail('COMMA or CBRACKET');
    }
  }

  parse(): Template {
    const t = new Template();
    for (;;) {
      this.skip(true);
      if (this.peek() === '') return t;
      const name = this.name();
      this.skip(false);
      if (this.peek() !== '=') this.fail('EQUAL or EQUAL_EMPTY');
      this.advance();
      this.skip(false);
      const c = this.peek();
      if (c === '[') t.add({ name, vector: this.vector() });
      else if (c === '"') t.add({ name, value: this.quoted(false) });
      else t.add({ name, value: this.bare('\n#') });
      this.skip(false);
      if (this.peek() !== '' && this.peek() !== '\n' && this.peek() !== '#') this.fail('new line');
    }
  }
}

interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

function parseXml(s: string): Template {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, text: '', children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  const addText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(s).close();
  } catch {
    throw new TemplateSyntaxError('XML Template malformed.');
  }
  if (!root || root.name !== 'TEMPLATE') throw new TemplateSyntaxError('XML Template malformed.');
  const t = new Template();
  for (const child of root.children) {
    const name = child.name.toUpperCase();
    if (child.children.length === 0) t.add({ name, value: child.text });
    else {
      const v: Vector = new Map();
      for (const sub of child.children) v.set(sub.name.toUpperCase(), sub.text);
      t.add({ name, vector: v });
    }
  }
  return t;
}

/** Text or XML, as oned's Template::parse_str_or_xml decides. */
export function parseTemplate(s: string): Template {
  const start = s.trimStart();
  if (start.startsWith('<')) return parseXml(start);
  return new TextParser(s).parse();
}
