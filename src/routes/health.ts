// GET /health and GET /ready for load balancers and service managers (issue #3 §2). Both sit outside
// the session and CSRF guard, need no login, and say nothing about the configuration: no endpoints,
// versions or paths, only "ok" or which dependency is not.
//   /health: the process is alive and its event loop turns. No oned call, no store call.
//   /ready: oned answers serveradmin and the session store is reachable (ReadinessProbe, cached ~1 s);
//           503 while either is not, and while the server is stopping (so the balancer moves on).
import type { FastifyInstance } from 'fastify';
import type { OneClient } from '../one/types.js';
import type { SessionStore } from '../session/store.js';
import { ReadinessProbe, type ReadinessReport } from './readiness-probe.js';

export interface HealthRoutesOptions {
  readonly oneClient: Pick<OneClient, 'call'>;
  /** serveradmin's own oned session string. */
  readonly serverSession: () => string;
  readonly store: SessionStore;
  readonly now?: () => number;
  /** How long a readiness answer is reused (default 1000 ms). */
  readonly cacheMs?: number;
}

const TYPE = 'application/json; charset=utf-8';
const ALIVE = JSON.stringify({ status: 'ok' });
const STOPPING = JSON.stringify({ status: 'stopping' });

function body(report: ReadinessReport): string {
  return JSON.stringify({
    status: report.ready ? 'ok' : 'unavailable',
    oned: report.oned,
    sessions: report.sessions,
  });
}

export async function healthRoutes(app: FastifyInstance, opts: HealthRoutesOptions): Promise<void> {
  const probe = new ReadinessProbe({
    oneClient: opts.oneClient,
    serverSession: opts.serverSession,
    store: opts.store,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.cacheMs !== undefined ? { cacheMs: opts.cacheMs } : {}),
  });
  let stopping = false;
  // Kept per app, so each worker logs its own transitions once, not on every poll.
  let lastLogged: string | null = null;
  app.addHook('preClose', async () => {
    stopping = true;
  });

  app.get('/health', async (_request, reply) =>
    reply.header('Cache-Control', 'no-store').type(TYPE).send(ALIVE),
  );

  app.get('/ready', async (request, reply) => {
    reply.header('Cache-Control', 'no-store').type(TYPE);
    if (stopping) return reply.code(503).send(STOPPING);
    const report = await probe.check();
    const state = `oned ${report.oned}, sessions ${report.sessions}`;
    if (state !== lastLogged) {
      if (!report.ready) request.log.warn(`not ready (${state}): ${report.details.join('; ')}`);
      else if (lastLogged !== null) request.log.info('ready again: oned and the session store answer');
      lastLogged = state;
    }
    return reply.code(report.ready ? 200 : 503).send(body(report));
  });
}
