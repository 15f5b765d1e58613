// Reads sunstone-server.conf the way Ruby's Psych does (reference sunstone-server.md §7.1): YAML 1.1
// scalars (yes/no/on/off are booleans, so `:vnc_proxy_support_wss: no` is false), keys written as
// Ruby symbols (`:port:`) with the leading colon stripped at every depth, and the line of every key
// kept so that problems can say file:line. Both the shipped, commented layout and the one
// `onecfg patch` re-dumps (`---` header, 4-space indent, comments gone) go through here.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair, ScalarTag, Tags } from 'yaml';

export interface RubyYaml {
  /** The top-level mapping, symbol colons stripped at every depth ({} for an empty file). */
  readonly data: Readonly<Record<string, unknown>>;
  /** 1-based line of each key, by its path of stripped names joined with '/' (e.g. `log/level`). */
  readonly lines: ReadonlyMap<string, number>;
  /** Paths (as in `lines`) of keys written without the leading colon: Ruby does not read them as settings. */
  readonly plainKeys: ReadonlySet<string>;
  /** Things that are legal but suspicious (a key given twice: the last wins, as in Psych). */
  readonly warnings: readonly string[];
  /** Non-empty when the text is not usable: a syntax error (file:line:col) or a top level that is not a map. */
  readonly problems: readonly string[];
}

/** Bounds so that a hostile or broken file cannot make the loader loop or blow the stack. */
const MAX_DEPTH = 64;
const MAX_ALIASES = 100;

// Psych's boolean words, case-insensitive; unlike the yaml package's 1.1 schema it does not
// treat `y`/`n` as booleans, and it does accept mixed case such as `yEs`.
const psychTrue: ScalarTag = {
  identify: (v) => v === true,
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:yes|true|on)$/i,
  resolve: () => true,
};
const psychFalse: ScalarTag = {
  identify: (v) => v === false,
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:no|false|off)$/i,
  resolve: () => false,
};

function psychTags(tags: Tags): Tags {
  const out: Tags = [];
  let placed = false;
  for (const t of tags) {
    if (typeof t === 'object' && t.tag === 'tag:yaml.org,2002:bool') {
      if (!placed) out.push(psychTrue, psychFalse);
      placed = true;
    } else out.push(t);
  }
  return out;
}

/** Parses `text` (read from `file`, used only in messages). Never throws on bad input. */
export function parseRubyYaml(text: string, file: string): RubyYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.1',
    customTags: psychTags,
    lineCounter,
    // Psych keeps the last of duplicated keys; we do the same and warn instead of failing.
    uniqueKeys: false,
    prettyErrors: false,
  });
  const empty = { data: {}, lines: new Map(), plainKeys: new Set<string>(), warnings: [] };

  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    const msg = first.message.split('\n')[0] ?? first.message;
    return {
      ...empty,
      problems: [
        `${file}:${pos.line}:${pos.col}: YAML syntax error: ${msg}; ` +
          'fix that line (quote values that contain ": " or start with a special character)',
      ],
    };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    // Only comments or nothing at all: Sunstone's defaults apply.
    return { ...empty, problems: [] };
  }
  if (!isMap(root)) {
    const line = root.range ? lineCounter.linePos(root.range[0]).line : 1;
    return {
      ...empty,
      problems: [`${file}:${line}: the file must be a mapping of settings such as ":port: 9869"`],
    };
  }

  const walker = new Walker(doc, lineCounter, file);
  const data = walker.value(root, [], 0);
  return {
    data: data as Record<string, unknown>,
    lines: walker.lines,
    plainKeys: walker.plainKeys,
    warnings: walker.warnings,
    problems: walker.problems,
  };
}

/** One pass over the document tree; its state lives only for one parse. */
class Walker {
  readonly lines = new Map<string, number>();
  readonly plainKeys = new Set<string>();
  readonly warnings: string[] = [];
  readonly problems: string[] = [];
  private aliases = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly counter: LineCounter,
    private readonly file: string,
  ) {}

  private lineOf(node: Node | null | undefined): number {
    return node?.range ? this.counter.linePos(node.range[0]).line : 0;
  }

  value(node: unknown, path: readonly string[], depth: number): unknown {
    if (depth > MAX_DEPTH) {
      this.problems.push(
        `${this.file}: nesting deeper than ${MAX_DEPTH} levels; this is not a Sunstone setting`,
      );
      return null;
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      this.aliases += 1;
      const target = this.aliases <= MAX_ALIASES ? node.resolve(this.doc) : undefined;
      if (target === undefined) {
        this.problems.push(
          `${this.file}:${this.lineOf(node)}: alias *${node.source} cannot be used here ` +
            `(unknown anchor, or more than ${MAX_ALIASES} aliases)`,
        );
        return null;
      }
      return this.value(target, path, depth + 1);
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item, i) => this.value(item, [...path, String(i)], depth + 1));
    if (isMap(node)) return this.map(node.items, path, depth);
    return null;
  }

  private map(items: readonly Pair[], path: readonly string[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = items.map((pair) => {
      const raw = this.keyText(pair.key, depth);
      const symbol = raw.startsWith(':') && raw.length > 1;
      return { pair, raw, symbol, name: symbol ? raw.slice(1) : raw };
    });
    const symbols = new Set(keys.filter((k) => k.symbol).map((k) => k.name));
    // Symbol keys first: Ruby looks settings up by symbol, so `:port:` wins over a stray `port:`
    // wherever each of them sits in the file.
    for (const k of [...keys.filter((k) => k.symbol), ...keys.filter((k) => !k.symbol)]) {
      const keyPath = [...path, k.name].join('/');
      const line = this.lineOf(k.pair.key as Node | null);
      if (!k.symbol && symbols.has(k.name)) {
        this.warnings.push(
          `${this.file}:${line}: ${k.raw} (no leading colon) is not read by Sunstone; ` +
            `:${k.name} at line ${this.lines.get(keyPath) ?? '?'} is used instead. Remove this line`,
        );
        continue;
      }
      const seen = this.lines.get(keyPath);
      if (seen !== undefined) {
        this.warnings.push(
          `${this.file}:${line}: ${k.raw} is set again (first at line ${seen}); the last one wins, as in Sunstone`,
        );
      }
      this.lines.set(keyPath, line);
      if (!k.symbol) this.plainKeys.add(keyPath);
      // defineProperty, so that a key named __proto__ is data, never the prototype.
      Object.defineProperty(out, k.name, {
        value: this.value(k.pair.value, [...path, k.name], depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  private keyText(key: unknown, depth: number): string {
    if (isScalar(key)) return String(key.value);
    // Complex keys (`? [a, b]`) never name a Sunstone setting; keep them printable for the warning.
    return JSON.stringify(this.value(key, [], depth + 1)) ?? 'null';
  }
}
