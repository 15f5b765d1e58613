// POST /upload_chunk (reference sunstone-server.md §3.6): one resumable.js chunk, multipart, written
// to disk as it arrives. Sunstone's resumable.js sends `csrftoken` as a form field ahead of the
// file (its `query` option goes into the FormData, not the URL), so this route cannot use protect()'s
// early CSRF check: it requires the session up front, and the token from the query string, the
// X-CSRF-Token header or the fields before the file, checked before a byte is written.
// Answers: 200 '' as Sunstone; 400 bad fields; 401 `csrftoken`; 413 too large; 507 disk full.
import multipart, { type Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_FIELD, csrfTokenMatches, takeCsrfToken } from '../session/csrf.js';
import type { ChunkRequest, UploadStore } from '../upload/store.js';
import { UploadBadChunkError } from '../upload/errors.js';
import { JSON_TYPE } from './json-reply.js';

export interface UploadChunkOptions {
  readonly store: UploadStore;
  /** :max_upload_file_size: the most one file part may carry. */
  readonly maxFileSize: number | null;
}

/** Fields before the file: resumable.js sends about a dozen. */
const MAX_FIELDS = 64;
const MAX_FIELD_BYTES = 16 * 1024;

function deny(reply: FastifyReply): FastifyReply {
  return reply.code(401).type(JSON_TYPE).header('connection', 'close').send(CSRF_FIELD);
}

function intField(
  fields: ReadonlyMap<string, string>,
  name: string,
  min: number,
  required: boolean,
): number | undefined {
  const raw = fields.get(name);
  if (raw === undefined || raw === '') {
    if (!required) return undefined;
    throw new UploadBadChunkError(
      `The form field ${name} is missing; resumable.js sends it with every chunk`,
    );
  }
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min) {
    throw new UploadBadChunkError(
      `The form field ${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

export function chunkRequest(fields: ReadonlyMap<string, string>): ChunkRequest {
  const identifier = fields.get('resumableIdentifier') ?? '';
  if (identifier === '') {
    throw new UploadBadChunkError('The form field resumableIdentifier is missing; it names the upload');
  }
  const current = intField(fields, 'resumableCurrentChunkSize', 0, false);
  return {
    identifier,
    chunkNumber: intField(fields, 'resumableChunkNumber', 1, true) ?? 1,
    chunkSize: intField(fields, 'resumableChunkSize', 1, true) ?? 1,
    totalSize: intField(fields, 'resumableTotalSize', 0, true) ?? 0,
    ...(current === undefined ? {} : { currentChunkSize: current }),
  };
}

/** The token from the query string or header, or undefined when it must come from the form. */
function earlyToken(request: FastifyRequest): string | undefined {
  return takeCsrfToken({ query: request.query, body: undefined, headers: request.headers });
}

export async function uploadChunkRoutes(app: FastifyInstance, opts: UploadChunkOptions): Promise<void> {
  const { store } = opts;
  await app.register(multipart, {
    limits: {
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      files: 1,
      parts: MAX_FIELDS + 1,
      // The store counts bytes itself (and answers 413 with the limit in words); this only stops a
      // part that no limit of ours would stop.
      fileSize: opts.maxFileSize ?? Number.MAX_SAFE_INTEGER,
    },
    throwFileSizeLimit: true,
  });

  app.post('/upload_chunk', async (request, reply) => {
    const session = request.session;
    if (session === null) return deny(reply);
    let verified = false;
    const early = earlyToken(request);
    if (early !== undefined) {
      if (!csrfTokenMatches(session.data.csrftoken, early)) return deny(reply);
      verified = true;
    }
    const fields = new Map<string, string>();
    let written = false;
    // Until the file has been read, an error answer closes the connection: the rest of a chunk
    // (up to GBs) is not worth reading just to be thrown away.
    reply.header('connection', 'close');
    for await (const part of request.parts() as AsyncIterable<Multipart>) {
      if (part.type === 'field') {
        fields.set(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
        continue;
      }
      if (!verified) {
        if (!csrfTokenMatches(session.data.csrftoken, fields.get(CSRF_FIELD))) return deny(reply);
        verified = true;
      }
      if (written) throw new UploadBadChunkError('Send one file part per chunk');
      const req = chunkRequest(fields);
      // Abandoned uploads go when a new one starts, not on a timer: nothing to run in the background.
      if (req.chunkNumber === 1) await store.sweepStale();
      await store.writeChunk(req, part.file);
      written = true;
    }
    if (!verified && !csrfTokenMatches(session.data.csrftoken, fields.get(CSRF_FIELD))) return deny(reply);
    if (!written) throw new UploadBadChunkError('The chunk has no file part (form field "file")');
    reply.removeHeader('connection');
    if (request.query !== null && (request.query as Record<string, unknown>).timeout !== 'true') {
      await app.sessions.renew(request, reply, session);
    }
    // Sunstone answers an empty 200; resumable.js only looks at the status.
    return reply.code(200).send('');
  });
}
