// application/x-www-form-urlencoded bodies, read as Sinatra reads them: the last of repeated keys
// wins. A body that is a JSON object is taken as JSON whatever its Content-Type, because Sunstone
// parses the raw body of actions as JSON (reference §2.1), so `curl -d '{"action":...}'` (sent as a
// form by curl) works against it and must keep working here.

export function parseFormBody(text: string): Record<string, unknown> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // Not JSON after all: a form field whose name starts with "{".
    }
  }
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}
