// Turns `{"action":{"perform":..,"params":{..}}}` into the XML-RPC arguments an ActionSpec describes,
// checking each parameter against its declared type first, so a bad request never reaches oned.
// Values are accepted as Sunstone's browser code sends them: integers may come as "42", booleans
// as "true"/"false" (Ruby would treat the string "false" as true; we refuse to guess and map it).
import type { ActionParam, ActionSpec, CallAction } from '../one/catalogue.js';
import type { XmlRpcValue } from '../one/codec.js';
import { TemplateValueError } from '../one/errors.js';
import { jsonToTemplate, type JsonValue } from '../one/template-text.js';
import { leaseTemplate, permissionArgs, reservationTemplate } from './derived-args.js';
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
  octet: 'a permission octet such as "640"',
  'integer-list': 'a list of integers',
} as const;

function integer(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  return undefined;
}

/** A parameter's value converted to its declared type, or undefined when it has another type. */
export function coerceParam(type: ActionParam['type'], v: unknown): XmlRpcValue | undefined {
  switch (type) {
    case 'integer':
      return integer(v);
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return undefined;
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'object':
      return isRecord(v) ? (v as { [key: string]: XmlRpcValue }) : undefined;
    case 'octet': {
      const s = typeof v === 'number' && Number.isInteger(v) ? String(v).padStart(3, '0') : v;
      return typeof s === 'string' && /^[0-7]{3}$/.test(s) ? s : undefined;
    }
    case 'integer-list': {
      if (!Array.isArray(v)) return undefined;
      const list = v.map(integer);
      return list.every((n) => n !== undefined) ? (list as number[]) : undefined;
    }
  }
}

/** Each declared parameter, converted, with defaults applied; a 400 naming the first bad one. */
export function actionParams(spec: ActionSpec, given: ActionRequest['params']): Map<string, XmlRpcValue> {
  const out = new Map<string, XmlRpcValue>();
  for (const p of spec.params) {
    const raw = given[p.name];
    if (raw === undefined || raw === null) {
      if (p.default !== undefined) out.set(p.name, p.default);
      else if (p.optional !== true) {
        throw new BadParameterError(
          `Parameter "${p.name}" of action ${spec.name} is missing; send ${TYPE_WORDS[p.type]} in action.params`,
        );
      }
      continue;
    }
    const value = coerceParam(p.type, raw);
    if (value === undefined) {
      throw new BadParameterError(
        `Parameter "${p.name}" of action ${spec.name} must be ${TYPE_WORDS[p.type]}, got ${JSON.stringify(raw)}`,
      );
    }
    out.set(p.name, value);
  }
  return out;
}

/** Template text of an object parameter; "" when an optional one is absent. */
export function templateParam(
  spec: ActionSpec,
  name: string,
  params: ReadonlyMap<string, XmlRpcValue>,
): string {
  const v = params.get(name);
  if (v === undefined) return '';
  try {
    return jsonToTemplate(v as Record<string, JsonValue>);
  } catch (err) {
    if (err instanceof TemplateValueError) {
      throw new TemplateValueError(`Parameter "${name}" of action ${spec.name}: ${err.message}`);
    }
    throw err;
  }
}

function declared(spec: ActionSpec, name: string, params: ReadonlyMap<string, XmlRpcValue>): XmlRpcValue {
  const v = params.get(name);
  if (v === undefined) {
    // The catalogue names a parameter it does not declare: a catalogue bug, caught by tests.
    throw new Error(`catalogue: action ${spec.name} uses undeclared parameter ${name}`);
  }
  return v;
}

/** The XML-RPC arguments after the session string, built as the spec says. */
export function actionArgs(
  spec: CallAction,
  id: number,
  params: ReadonlyMap<string, XmlRpcValue>,
): XmlRpcValue[] {
  return spec.args.flatMap((arg): XmlRpcValue[] => {
    switch (arg.from) {
      case 'id':
        return [id];
      case 'literal':
        return [arg.value];
      case 'param': {
        const v = declared(spec, arg.name, params);
        return [arg.as === 'string' ? String(v) : v];
      }
      case 'hard-variant':
        return [params.get('hard') === true ? `${arg.name}-hard` : arg.name];
      case 'update-type':
        return [params.get(arg.name) === true ? 1 : 0];
      case 'template':
        return [templateParam(spec, arg.name, params)];
      case 'permissions':
        return permissionArgs(params);
      case 'lease':
        return [leaseTemplate(arg.name, String(declared(spec, arg.name, params)))];
      case 'reservation':
        return [reservationTemplate(params)];
    }
  });
}
