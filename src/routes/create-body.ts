// POST /:pool bodies (reference §4.5): `{"<root>":{...}[, "ds_id":N ...]}` checked against the kind's
// create spec and turned into allocate arguments, so a malformed body is a 400 and never reaches oned.
import type { CallCreate, CreateArg, ResourceKind } from '../one/catalogue.js';
import type { XmlRpcValue } from '../one/codec.js';
import { TemplateValueError } from '../one/errors.js';
import { jsonToTemplate, type JsonValue } from '../one/template-text.js';
import { coerceParam } from './action-args.js';
import { BadParameterError } from './errors.js';

export interface CreateRequest {
  /** What sits under the root key. */
  readonly value: unknown;
  readonly body: Readonly<Record<string, unknown>>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The body and its root value; Sunstone's "Wrong resource type" when the root key is missing. */
export function readCreateBody(kind: ResourceKind, body: unknown): CreateRequest {
  const root = kind.create.root;
  if (!isRecord(body) || body[root] === undefined || body[root] === null) {
    throw new BadParameterError(
      `Error parsing JSON: Wrong resource type: the body must be {"${root}":{...}} to create a ${kind.objectName}`,
    );
  }
  return { value: body[root], body };
}

/** The root value as an object, or a 400 saying so. */
export function rootObject(kind: ResourceKind, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new BadParameterError(`"${kind.create.root}" must be an object, got ${JSON.stringify(value)}`);
  }
  return value;
}

const WORDS = { string: 'a string', integer: 'an integer', 'integer-list': 'a list of integers' } as const;

/** One typed value from `source` (the root object or the body), default applied, or a 400. */
export function typedValue(
  where: string,
  source: Readonly<Record<string, unknown>>,
  key: string,
  type: 'string' | 'integer' | 'integer-list',
  dflt?: XmlRpcValue,
): XmlRpcValue {
  const raw = source[key];
  if (raw === undefined || raw === null) {
    if (dflt !== undefined) return dflt;
    throw new BadParameterError(`"${key}" is missing from ${where}; send ${WORDS[type]}`);
  }
  const v = coerceParam(type, raw);
  if (v === undefined) {
    throw new BadParameterError(`"${key}" in ${where} must be ${WORDS[type]}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/** The template of a create: the raw-template string when given, else the object as text (§4.7). */
export function createTemplate(kind: ResourceKind, spec: CallCreate, value: Record<string, unknown>): string {
  const raw = spec.raw === undefined ? undefined : value[spec.raw];
  if (raw !== undefined && raw !== null && raw !== '') {
    if (typeof raw !== 'string') {
      throw new BadParameterError(`"${spec.raw}" in "${spec.root}" must be template text (a string)`);
    }
    return raw;
  }
  try {
    return jsonToTemplate(value as Record<string, JsonValue>);
  } catch (err) {
    if (err instanceof TemplateValueError) throw new TemplateValueError(`"${spec.root}": ${err.message}`);
    throw err;
  }
}

function argValue(kind: ResourceKind, spec: CallCreate, req: CreateRequest, arg: CreateArg): XmlRpcValue {
  switch (arg.from) {
    case 'template':
      return createTemplate(kind, spec, rootObject(kind, req.value));
    case 'body':
      return typedValue('the body', req.body, arg.key, arg.type, arg.default);
    case 'field': {
      // user gids: [] lets oned pick the default group.
      const dflt = arg.default ?? (arg.type === 'integer-list' ? [] : undefined);
      return typedValue(`"${spec.root}"`, rootObject(kind, req.value), arg.key, arg.type, dflt);
    }
    case 'literal':
      return arg.value;
  }
}

/** The allocate call's arguments after the session string. */
export function createArgs(kind: ResourceKind, spec: CallCreate, req: CreateRequest): XmlRpcValue[] {
  return spec.args.map((arg) => argValue(kind, spec, req, arg));
}
