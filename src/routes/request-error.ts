// Errors that mean "the request is wrong" (400), raised while a route checks a body, possibly after
// it has already talked to oned (procedures check some values against the object they read). They
// reach the client as they are: oneFailure() must not turn them into a 500.
const REQUEST_ERROR_CODES = new Set([
  'SUN_ERR_ROUTE_BAD_PARAMETER',
  'SUN_ERR_ONE_TEMPLATE_VALUE',
  'SUN_ERR_ONE_ACL_RULE',
]);

export function isRequestError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && REQUEST_ERROR_CODES.has(code);
}
