// Path and query values shared by the generic resource routes.
import { kindByUrl, type ResourceKind } from '../one/catalogue.js';
import { BadParameterError, UnknownResourceError } from './errors.js';

const INTEGER = /^-?\d+$/;

/** The catalogue kind named in the URL, or Sunstone's 404 "Error: X resource not supported". */
export function kindParam(name: string): ResourceKind {
  const kind = kindByUrl(name);
  if (kind === undefined) throw new UnknownResourceError(name);
  return kind;
}

/** A decimal integer from a URL (ids, pool_filter), or a 400 that names the parameter. */
export function integerParam(name: string, value: string): number {
  const n = Number(value);
  if (!INTEGER.test(value) || !Number.isSafeInteger(n)) {
    throw new BadParameterError(`${name} must be an integer, got ${JSON.stringify(value)}`);
  }
  return n;
}
