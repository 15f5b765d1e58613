// Reading errors without instanceof (errors.ts: match on `code`).

export function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : '';
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
