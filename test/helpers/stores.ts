// One session suite, two stores: `testEachStore` registers a test once per store kind, and
// `storeFor` makes the store of a kind for one test (memcached: a real one on a free port, with a
// namespace of its own), closed in t.after. Memory and memcached must behave the same (issue #3 §5).
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { MemcacheStore } from '../../src/session/memcache-store.js';
import { MemoryStore } from '../../src/session/memory-store.js';
import type { SunstoneSessionStore } from '../../src/session/store-from-config.js';
import { startMemcached, type Memcached } from './memcached.js';

/**
 * The operation bound of test stores. The 500 ms default is about failing fast in production; on a
 * test machine running other suites an answer from a live memcached can take longer, and these
 * tests are about behaviour, not the bound (memcache-store and memcache-outage tests test that).
 */
export const LOADED_MACHINE_TIMEOUT_MS = 5000;

export const STORE_KINDS = ['memory', 'memcache'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface TestStore {
  readonly store: SunstoneSessionStore;
  /** The memcached behind a 'memcache' store (stop/start it for outage tests). */
  readonly memcached?: Memcached;
}

export interface StoreForOptions {
  /** Session clock for the memory store's TTL (memcached keeps real time; expiry is checked on the session clock). */
  readonly now?: () => number;
  /** Use this memcached instead of starting one. */
  readonly memcached?: Memcached;
}

export async function storeFor(
  t: TestContext,
  kind: StoreKind,
  options: StoreForOptions = {},
): Promise<TestStore> {
  if (kind === 'memory') {
    const store = new MemoryStore(options.now ? { now: options.now } : {});
    t.after(() => store.close());
    return { store };
  }
  const memcached = options.memcached ?? (await startMemcached(t));
  const store = new MemcacheStore({
    hosts: [memcached.server],
    namespace: `test-${randomUUID()}`,
    timeoutMs: LOADED_MACHINE_TIMEOUT_MS,
  });
  t.after(() => store.close());
  return { store, memcached };
}

/** Registers `name [memory]` and `name [memcache]`. */
export function testEachStore(name: string, fn: (t: TestContext, kind: StoreKind) => Promise<void>): void {
  for (const kind of STORE_KINDS) test(`${name} [${kind}]`, (t) => fn(t, kind));
}
