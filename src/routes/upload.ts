// POST /upload (reference sunstone-server.md §3.6): registers the file assembled by /upload_chunk as
// a new image. Form fields: `img` (JSON `{"image":{...},"ds_id":N}`), `tempfile` (the resumable
// identifier), `file` (the original name, unused as in Sunstone). The image template gets the file
// as PATH, oned's datastore driver copies it while the image is LOCKED, then the file is removed.
// 201 with the image as Sunstone sends it; 500 with oned's message when the allocate fails.
import { setTimeout as sleepMs } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { kindByUrl, type CallCreate, type ResourceKind } from '../one/catalogue.js';
import { toSunstonePrettyJson } from '../one/json-text.js';
import { jsonToTemplate } from '../one/template-text.js';
import type { OneJson } from '../one/types.js';
import { UploadNoTempfileError } from '../upload/errors.js';
import type { UploadStore } from '../upload/store.js';
import { createArgs } from './create-body.js';
import type { OneDeps } from './deps.js';
import { BadParameterError } from './errors.js';
import { JSON_TYPE } from './json-reply.js';
import { oneFailure } from './one-failure.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

export interface UploadRoutesOptions extends OneDeps {
  readonly store: UploadStore;
  /** How often the image is read while oned copies the file (Sunstone: 5 s). Default 1 s. */
  readonly pollMs?: number;
  /**
   * Longest wait for the image to leave LOCKED (Ruby waited forever). After it, the image is
   * answered as it is and the file left for oned to finish with; the stale-upload sweep removes it.
   */
  readonly maxWaitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** LOCKED, LOCKED_USED, LOCKED_USED_PERS (oned-xmlrpc.md image states): the driver still copies. */
const LOCKED_STATES = new Set(['4', '9', '10']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `img` as an object: the browser sends a JSON string, a JSON body may nest the object itself. */
function readImg(raw: unknown): Record<string, unknown> {
  let img: unknown = raw;
  if (typeof raw === 'string') {
    try {
      img = JSON.parse(raw);
    } catch (err) {
      throw new BadParameterError(`Error parsing JSON: img is not JSON (${(err as Error).message})`);
    }
  }
  if (!isRecord(img) || !isRecord(img.image)) {
    throw new BadParameterError('img must be {"image":{...},"ds_id":<datastore id>} (as JSON text)');
  }
  return img;
}

/** The image hash with PATH pointing at the upload; a raw template gets the PATH line appended. */
function withPath(image: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(image)) if (k.toUpperCase() !== 'PATH') out[k] = v;
  const raw = out.image_raw;
  if (typeof raw === 'string' && raw !== '') {
    return { ...out, image_raw: `${raw}\n${jsonToTemplate({ PATH: path })}` };
  }
  return { ...out, PATH: path };
}

function stateOf(doc: OneJson): string | undefined {
  const image = doc.IMAGE;
  return isRecord(image) && typeof image.STATE === 'string' ? image.STATE : undefined;
}

export interface WaitOptions {
  readonly pollMs: number;
  readonly maxWaitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/**
 * Reads the image until it leaves the LOCKED states (oned's driver has copied the file) or
 * `maxWaitMs` passes; resolves with the last document read.
 */
export async function waitWhileLocked(read: () => Promise<OneJson>, o: WaitOptions): Promise<OneJson> {
  const deadline = o.now() + o.maxWaitMs;
  let doc = await read();
  while (LOCKED_STATES.has(stateOf(doc) ?? '') && o.now() < deadline) {
    await o.sleep(o.pollMs);
    doc = await read();
  }
  return doc;
}

export async function uploadRoutes(app: FastifyInstance, opts: UploadRoutesOptions): Promise<void> {
  const { store } = opts;
  const pollMs = opts.pollMs ?? 1000;
  const maxWaitMs = opts.maxWaitMs ?? 10 * 60 * 1000;
  const sleep = opts.sleep ?? ((ms: number) => sleepMs(ms).then(() => undefined));
  const now = opts.now ?? Date.now;
  const kind = kindByUrl('image') as ResourceKind;
  const spec = kind.create as CallCreate;

  app.post('/upload', async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    const tempfile = body.tempfile;
    if (typeof tempfile !== 'string' || tempfile === '') throw new UploadNoTempfileError();
    const img = readImg(body.img);
    const image = img.image as Record<string, unknown>;
    // Everything about the request is checked before the upload is looked at or oned called.
    const path = store.paths(tempfile).data;
    const value = withPath(image, path);
    const args = createArgs(kind, spec, { value, body: img });
    await store.assembled(tempfile);

    const oneClient = oneClientFor(request, opts.oneClient);
    const session = sessionFor(request, opts.tokens);
    let id: number;
    try {
      id = Number(await oneClient.call(session, spec.method, args));
    } catch (err) {
      await store.remove(tempfile);
      throw oneFailure(err, 500);
    }
    let doc: OneJson;
    try {
      doc = await waitWhileLocked(() => oneClient.info(session, kind, id), { pollMs, maxWaitMs, sleep, now });
    } catch (err) {
      await store.remove(tempfile);
      throw oneFailure(err, 404);
    }
    if (LOCKED_STATES.has(stateOf(doc) ?? '')) {
      request.log.warn(
        { image: id, path },
        `image ${id} is still LOCKED after ${maxWaitMs} ms; ${path} is left for oned's datastore driver`,
      );
    } else {
      await store.remove(tempfile);
    }
    return reply.code(201).type(JSON_TYPE).send(toSunstonePrettyJson(doc));
  });
}
