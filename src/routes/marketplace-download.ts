// GET /marketplaceapp/:id/download (reference sunstone-server.md §3.7): the app's image, streamed from
// the front-end's datastore downloader: `VAR/remotes/datastore/downloader.sh <SOURCE> -` with the
// marketplace document in DRV_ACTION (base64 of <DS_DRIVER_ACTION_DATA>...), as Sunstone runs it.
// This only works where the server runs on the front-end (§8); elsewhere the script is absent and
// the answer is a 500 that says so. The app and its marketplace are read as the session user.
// Failures before the first byte are 500 with the error JSON; a driver that fails later cuts the
// download short, except for the OpenNebula CLI, which gets Sunstone's `@^_^@ <error> @^_^@` marker.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { kindByUrl, type ResourceKind } from '../one/catalogue.js';
import type { OneDeps } from './deps.js';
import { MarketDownloadError } from './errors.js';
import { integerParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { textAt } from './one-json.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

export interface MarketDownloadOptions extends OneDeps {
  /** VAR_LOCATION: the driver is VAR/remotes/datastore/downloader.sh. */
  readonly varDir: string;
}

/** How much of the driver's stderr is kept for the error message (the tail is what explains). */
const STDERR_BYTES = 4096;

/** The driver's outcome: exit code, or the spawn error, and the tail of its stderr. */
interface Exit {
  readonly code: number | null;
  readonly error?: Error;
  readonly stderr: string;
}

function watch(child: ChildProcess): Promise<Exit> {
  let stderr = Buffer.alloc(0);
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = Buffer.concat([stderr, chunk]);
    if (stderr.length > STDERR_BYTES) stderr = stderr.subarray(stderr.length - STDERR_BYTES);
  });
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, error, stderr: stderr.toString('utf8').trim() }));
    child.once('close', (code) => resolve({ code, stderr: stderr.toString('utf8').trim() }));
  });
}

function failureText(exit: Exit): string {
  if (exit.error) return exit.error.message;
  return exit.stderr === '' ? `downloader.sh exited with code ${String(exit.code)}` : exit.stderr;
}

export async function marketDownloadRoutes(app: FastifyInstance, opts: MarketDownloadOptions): Promise<void> {
  const appKind = kindByUrl('marketplaceapp') as ResourceKind;
  const script = join(opts.varDir, 'remotes', 'datastore', 'downloader.sh');

  app.get<{ Params: { id: string } }>('/marketplaceapp/:id/download', async (request, reply) => {
    const id = integerParam('id', request.params.id);
    const client = oneClientFor(request, opts.oneClient);
    const session = sessionFor(request, opts.tokens);
    let source: string | undefined;
    let marketXml: string;
    try {
      const doc = await client.info(session, appKind, id);
      source = textAt(doc, 'MARKETPLACEAPP/SOURCE');
      const marketId = Number(textAt(doc, 'MARKETPLACEAPP/MARKETPLACE_ID'));
      const xml = await client.call(session, 'one.market.info', [marketId]);
      marketXml = typeof xml === 'string' ? xml : '';
    } catch (err) {
      throw oneFailure(err, 500);
    }
    if (source === undefined || source === '') {
      throw new MarketDownloadError(
        'SUN_ERR_ROUTE_MARKET_DOWNLOAD',
        `Marketplace app ${id} has no SOURCE: it cannot be downloaded (is it still being imported?)`,
      );
    }
    try {
      await access(script, constants.X_OK);
    } catch (err) {
      throw new MarketDownloadError(
        'SUN_ERR_ROUTE_DOWNLOADER_MISSING',
        `Marketplace downloads run the front-end's datastore driver ${script}, which is not here ` +
          '(sunstone-server does not run on the OpenNebula front-end, or ONE_LOCATION points elsewhere); ' +
          `download on the front-end instead: onemarketapp export, or the app's SOURCE ${source}`,
        err,
      );
    }

    const drvAction = Buffer.from(`<DS_DRIVER_ACTION_DATA>${marketXml}</DS_DRIVER_ACTION_DATA>`).toString(
      'base64',
    );
    const child = spawn(script, [source, '-'], {
      env: { ...process.env, DRV_ACTION: drvAction },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = watch(child);
    const stdout = (child.stdout as Readable)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    // Nothing is sent until the driver has either produced data or ended: an immediate failure
    // (no such source, no network) is still a proper 500 with its message.
    const firstNext = stdout.next();
    type First = { readonly chunk: IteratorResult<Buffer> } | { readonly failed: Exit };
    const first: First = await Promise.race([
      firstNext.then((chunk): First => ({ chunk })),
      exited.then(async (e): Promise<First> => (e.error ? { failed: e } : { chunk: await firstNext })),
    ]);
    if ('failed' in first || (first.chunk.done === true && (await exited).code !== 0)) {
      const exit = 'failed' in first ? first.failed : await exited;
      throw new MarketDownloadError(
        'SUN_ERR_ROUTE_MARKET_DOWNLOAD',
        `Cannot download marketplace app ${id}: ${failureText(exit)}`,
      );
    }
    const head = first.chunk;
    const cli = (request.headers['user-agent'] ?? '').includes('OpenNebula CLI');
    const log = request.log;
    async function* body(): AsyncGenerator<Buffer> {
      try {
        if (head.done !== true) yield head.value;
        for (;;) {
          const next = await stdout.next();
          if (next.done === true) break;
          yield next.value;
        }
        const exit = await exited;
        if (exit.code !== 0) {
          log.error(`download of marketplace app ${id} failed: ${failureText(exit)}`);
          if (!cli) throw new Error(`downloader.sh failed: ${failureText(exit)}`);
          yield Buffer.from(`@^_^@ ${failureText(exit)} @^_^@`);
        }
      } finally {
        // The client went away (or the driver failed): do not leave the driver running.
        if (child.exitCode === null && child.signalCode === null) child.kill();
      }
    }
    return reply
      .type('application/octet-stream')
      .header('Content-Disposition', `attachment; filename="one-marketplaceapp-${id}"`)
      .header('Cache-Control', 'no-transform')
      .send(Readable.from(body(), { objectMode: false }));
  });
}
