// JSON -> OpenNebula template text, as Sunstone writes create bodies and action templates
// (reference sunstone-server.md §4.7; golden/json2template): keys upper-cased; empty values skipped;
// `KEY="v"` for a string; `KEY=[` newline, `  SUB="v"` pairs joined by ",\n", newline `]` newline for
// an object; one entry per element for an array. Inside a vector, null and false give `SUB=`, other
// scalars their text, nested objects and arrays Ruby's inspect form.
//
// One deliberate difference: a `"` inside a value is written `\"`, which oned's template parser turns
// back into `"` (Ruby Sunstone wrote it bare, so `A="say "hi""` confused oned). A backslash is left
// as it is, because oned un-escapes nothing but `\"`: doubling it would store two. For the same
// reason a value that ends in a backslash cannot be written at all (`"C:\"` reads as an escaped
// quote), and is refused with a message instead of reaching oned as a broken template.
import { TemplateValueError } from './errors.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function isObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Ruby's String#inspect for the strings JSON can carry. */
function rubyStringInspect(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\u0007') out += '\\a';
    else if (ch === '\u001b') out += '\\e';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  // "#{", "#$" and "#@" would read as interpolation: Ruby escapes the "#".
  return `${out.replace(/#(?=[{$@])/g, '\\#')}"`;
}

/** Ruby 3.1's #inspect of a parsed JSON value (Hash#to_s / Array#to_s, used for nested values). */
export function rubyInspect(v: JsonValue): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return rubyStringInspect(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(rubyInspect).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${rubyStringInspect(k)}=>${rubyInspect(x)}`)
    .join(', ')}}`;
}

/** A value between double quotes, `"` escaped (see the header), or a TemplateValueError. */
function quoted(value: string, where: string): string {
  if (value.endsWith('\\')) {
    throw new TemplateValueError(
      `${where} ends with a backslash, which OpenNebula's template syntax cannot carry ` +
        '(it would escape the closing quote); remove it or add a character after it',
    );
  }
  return `"${value.replace(/"/g, '\\"')}"`;
}

/** Ruby's `to_s` of a value inside a vector. */
function vectorText(v: JsonValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return rubyInspect(v);
}

function vector(key: string, value: Record<string, JsonValue>): string {
  const pairs = Object.entries(value).map(([sub, v]) => {
    const name = sub.toUpperCase();
    // nil and false print nothing after the `=` (Ruby's `if value`).
    return v === null || v === false ? `  ${name}=` : `  ${name}=${quoted(vectorText(v), `${key}/${name}`)}`;
  });
  return `${key}=[\n${pairs.join(',\n')}\n]\n`;
}

function isEmpty(v: JsonValue): boolean {
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

function notTemplateValue(where: string, v: JsonValue): TemplateValueError {
  return new TemplateValueError(
    `${where} is ${JSON.stringify(v)}, a ${typeof v}; template values outside vectors must be strings ` +
      `(send "${String(v)}"), objects or arrays`,
  );
}

function arrayEntry(key: string, items: JsonValue[]): string {
  let out = '';
  for (const item of items) {
    if (item === null) continue;
    if (typeof item === 'number' || typeof item === 'boolean') throw notTemplateValue(`${key} element`, item);
    if (isEmpty(item)) continue;
    if (isObject(item)) out += vector(key, item);
    else out += `${key}=${quoted(typeof item === 'string' ? item : rubyInspect(item), key)}\n`;
  }
  return out;
}

/**
 * The template text of a JSON object, Sunstone's way (with the escaping above). Throws a
 * TemplateValueError (400) naming the attribute for values Sunstone could not convert either.
 */
export function jsonToTemplate(attributes: Readonly<Record<string, JsonValue>>): string {
  const entries: string[] = [];
  for (const [rawKey, value] of Object.entries(attributes)) {
    const key = rawKey.toUpperCase();
    if (value === null) continue;
    // Ruby calls `.empty?` on every top-level value: numbers and booleans make it raise.
    if (typeof value === 'number' || typeof value === 'boolean') throw notTemplateValue(key, value);
    if (isEmpty(value)) continue;
    if (typeof value === 'string') entries.push(`${key}=${quoted(value, key)}`);
    else if (Array.isArray(value)) entries.push(arrayEntry(key, value));
    else entries.push(vector(key, value));
  }
  return entries.join('\n');
}
