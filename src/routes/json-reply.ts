// JSON the way Ruby Sunstone writes it (reference §4.1-4.3; golden/xml2json): objects and errors
// pretty-printed as JSON.pretty_generate (two spaces, `"key": value`, `{}` for empty objects, raw
// UTF-8, `/` unescaped) which JSON.stringify(v, null, 2) reproduces byte for byte; pools compact.

/** Sunstone's default Content-Type for every non-static response. */
export const JSON_TYPE = 'application/json;charset=utf-8';

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** `{"error":{"message":...}}`, pretty, as OpenNebula::Error#to_json. */
export function errorJson(message: string): string {
  return prettyJson({ error: { message } });
}
