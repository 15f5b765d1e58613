// Load generation for the benchmarks: a fixed number of requests from a fixed number of concurrent
// clients over undici, timing each; and the two ways to reach oned-like data (the server's REST API,
// or XML-RPC straight to the simulator).
import { request } from 'undici';
import { encodeCall, decodeResponse } from '../../dist/one/codec.js';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values) {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Runs `total` calls of fn(i) with `concurrency` in flight; returns throughput and latency. */
export async function drive({ total, concurrency, fn }) {
  const times = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        try {
          await fn(i);
        } catch {
          errors++;
        }
        times.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { rps: total / secs, medianMs: percentile(times, 50), p99Ms: percentile(times, 99), errors };
}

/** POST /login; returns the headers later requests need. */
export async function login(base, user, password) {
  const res = await request(`${base}/login`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'remember=false',
  });
  await res.body.dump();
  if (res.statusCode !== 204) throw new Error(`login as ${user} answered ${res.statusCode}`);
  const setCookie = [].concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  return { cookie, 'x-csrf-token': String(res.headers['x-csrf-token']) };
}

export async function getOk(url, headers) {
  const res = await request(url, { headers });
  const body = await res.body.arrayBuffer();
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}`);
  return body.byteLength;
}

/** One XML-RPC call straight to the simulator; throws on an oned failure. */
export async function xmlrpc(url, method, params) {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: encodeCall(method, params),
  });
  const buf = Buffer.from(await res.body.arrayBuffer());
  const r = decodeResponse(buf);
  if (r.fault || r.value[0] !== true) throw new Error(`${method} failed`);
  return r.value[1];
}
