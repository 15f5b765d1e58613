// A bounded map endpoint -> transport, like undici's Agent with a cap: the configured :one_xmlrpc
// plus the endpoints of other zones (federation). When full, the least recently used transport is
// closed gracefully (its calls in flight still finish) to make room.
import { OneClosedError } from './errors.js';
import { displayEndpoint, type OneTransport } from './transport.js';

export interface TransportMap {
  /** The transport for `endpoint`, created on first use. */
  get(endpoint: string): OneTransport;
  readonly size: number;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

export interface TransportMapOptions {
  readonly create: (endpoint: string) => OneTransport;
  /** Most endpoints held at once (default 16). */
  readonly maxEndpoints?: number;
}

export function createTransportMap(opts: TransportMapOptions): TransportMap {
  const max = Math.max(1, opts.maxEndpoints ?? 16);
  // Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const map = new Map<string, OneTransport>();
  const closing = new Set<Promise<void>>();
  let shut = false;

  function get(endpoint: string): OneTransport {
    const hit = map.get(endpoint);
    if (hit !== undefined) {
      map.delete(endpoint);
      map.set(endpoint, hit);
      return hit;
    }
    if (shut) throw new OneClosedError(displayEndpoint(endpoint));
    const t = opts.create(endpoint);
    if (map.size >= max) {
      const [oldKey, old] = map.entries().next().value as [string, OneTransport];
      map.delete(oldKey);
      const p = old.close().catch(() => undefined);
      closing.add(p);
      void p.then(() => closing.delete(p));
    }
    map.set(endpoint, t);
    return t;
  }

  async function all(fn: (t: OneTransport) => Promise<void>): Promise<void> {
    shut = true;
    const ts = [...map.values()];
    map.clear();
    await Promise.all([...ts.map(fn), ...closing]);
  }

  return {
    get,
    get size() {
      return map.size;
    },
    close: () => all((t) => t.close()),
    destroy: () => all((t) => t.destroy()),
  };
}
