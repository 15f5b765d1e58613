// Turns `{"action":{"perform":..,"params":{..}}}` into the XML-RPC arguments an ActionSpec describes,
// checking each parameter against its declared type first, so a bad request never reaches oned.
// Values are accepted as Sunstone's browser code sends them: integers may come as "42", booleans
// as "true"/"false" (Ruby would treat the string "false" as true; we refuse to guess and map it).
import type { ActionParam, ActionSpec } from '../one/catalogue.js';
import type { XmlRpcValue } from '../one/codec.js';
import { BadParameterError } from './errors.js';

export interface ActionRequest {
  readonly perform: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const SHAPE = 'the body must be {"action":{"perform":"<action>","params":{...}}}';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The action request in a body, or a 400 saying which part is missing. */
export function readActionBody(body: unknown): ActionRequest {
  if (!isRecord(body) || !isRecord(body.action)) {
    throw new BadParameterError(`Missing "action" object: ${SHAPE}`);
  }
  const { perform, params } = body.action;
  if (typeof perform !== 'string' || perform === '') {
    throw new BadParameterError(`Missing "action.perform" string: ${SHAPE}`);
  }
  if (params !== undefined && params !== null && !isRecord(params)) {
    throw new BadParameterError(`"action.params" must be an object: ${SHAPE}`);
  }
  return { perform, params: params ?? {} };
}

const TYPE_WORDS = {
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  string: 'a string',
  object: 'an object',
} as const;

function coerce(p: ActionParam, v: unknown): XmlRpcValue | undefined {
  switch (p.type) {
    case 'integer':
      if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
      if (typeof v === 'string' && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
      return undefined;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return undefined;
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'object':
      return isRecord(v) ? (v as { [key: string]: XmlRpcValue }) : undefined;
  }
}

/** Each declared parameter, converted, with defaults applied; a 400 naming the first bad one. */
export function actionParams(spec: ActionSpec, given: ActionRequest['params']): Map<string, XmlRpcValue> {
  const out = new Map<string, XmlRpcValue>();
  for (const p of spec.params) {
    const raw = given[p.name];
    if (raw === undefined || raw === null) {
      if (p.default === undefined) {
        throw new BadParameterError(
          `Parameter "${p.name}" of action ${spec.name} is missing; send ${TYPE_WORDS[p.type]} in action.params`,
        );
      }
      out.set(p.name, p.default);
      continue;
    }
    const value = coerce(p, raw);
    if (value === undefined) {
      throw new BadParameterError(
        `Parameter "${p.name}" of action ${spec.name} must be ${TYPE_WORDS[p.type]}, got ${JSON.stringify(raw)}`,
      );
    }
    out.set(p.name, value);
  }
  return out;
}

/** The XML-RPC arguments after the session string, built as the spec says. */
export function actionArgs(spec: ActionSpec, id: number, params: Map<string, XmlRpcValue>): XmlRpcValue[] {
  return spec.args.map((arg): XmlRpcValue => {
    switch (arg.from) {
      case 'id':
        return id;
      case 'literal':
        return arg.value;
      case 'param': {
        const v = params.get(arg.name);
        if (v === undefined) {
          // The catalogue names a parameter it does not declare: a catalogue bug, caught by tests.
          throw new Error(`catalogue: action ${spec.name} uses undeclared parameter ${arg.name}`);
        }
        return v;
      }
      case 'hard-variant':
        return params.get('hard') === true ? `${arg.name}-hard` : arg.name;
    }
  });
}
