// Who the client is, through the whole app (buildTestApp: real wiring, real simulator): only
// :trusted_proxies may set the address, scheme and host, by X-Forwarded-* or RFC 7239 Forwarded
// (issue #3 §3, §5 "forwarded headers from an untrusted peer ignored").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { SunstoneConfig } from '../../../src/config/types.js';
import { basic, buildTestApp, sessionCookie, type TestApp } from '../../helpers/app.js';

interface Client {
  ip: string;
  ips: string[];
  protocol: string;
  host: string;
}

/** The test app plus a route that shows what Fastify made of the request. */
async function appWithEcho(
  t: Parameters<typeof buildTestApp>[0],
  config: Partial<SunstoneConfig> = {},
): Promise<TestApp> {
  const ta = await buildTestApp(t, { config });
  ta.app.get('/__client', async (request) => ({
    ip: request.ip,
    ips: request.ips ?? [],
    protocol: request.protocol,
    host: request.host,
  }));
  return ta;
}

async function client(
  ta: TestApp,
  headers: Record<string, string>,
  remoteAddress = '127.0.0.1',
): Promise<Client> {
  const res = await ta.app.inject({
    url: '/__client',
    headers: { host: 'backend:9869', ...headers },
    remoteAddress,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Client>();
}

function loginFrom(
  ta: TestApp,
  remoteAddress: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return ta.app.inject({
    method: 'POST',
    url: '/login',
    headers: { authorization: basic('demo', 'demo'), ...headers },
    remoteAddress,
  });
}

const FORGED = {
  'x-forwarded-for': '198.51.100.7',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'sunstone.example.com',
};

test('a trusted peer (loopback by default) sets address, scheme and host with X-Forwarded-*', async (t) => {
  const ta = await appWithEcho(t);
  const c = await client(ta, FORGED);
  assert.deepEqual(c, {
    ip: '198.51.100.7',
    ips: ['127.0.0.1', '198.51.100.7'],
    protocol: 'https',
    host: 'sunstone.example.com',
  });
  const res = await loginFrom(ta, '127.0.0.1', { 'x-forwarded-proto': 'https' });
  assert.equal(res.statusCode, 204);
  assert.match(sessionCookie(res) ?? '', /; Secure/);
});

test('an untrusted peer cannot set them: its own address, http, its Host header, no Secure cookie', async (t) => {
  const ta = await appWithEcho(t);
  const c = await client(ta, FORGED, '203.0.113.9');
  assert.equal(c.ip, '203.0.113.9');
  assert.equal(c.protocol, 'http');
  assert.equal(c.host, 'backend:9869');
  const res = await loginFrom(ta, '203.0.113.9', FORGED);
  assert.equal(res.statusCode, 204);
  assert.doesNotMatch(sessionCookie(res) ?? '', /Secure/);
});

test('RFC 7239 Forwarded from a trusted peer: IPv6 client in brackets, proto and host of the edge proxy', async (t) => {
  const ta = await appWithEcho(t, { trusted_proxies: ['127.0.0.1', '10.0.0.0/8'] });
  const c = await client(ta, {
    forwarded: 'for="[2001:db8::5]:4711";proto=https;host=sun.example, for=10.0.0.2;proto=http;host=inner',
  });
  assert.equal(c.ip, '2001:db8::5');
  assert.equal(c.protocol, 'https');
  assert.equal(c.host, 'sun.example');
  const res = await loginFrom(ta, '127.0.0.1', { forwarded: 'for=192.0.2.1;proto=https' });
  assert.match(sessionCookie(res) ?? '', /; Secure/);
});

test('Forwarded from an untrusted peer is ignored too', async (t) => {
  const ta = await appWithEcho(t);
  const c = await client(ta, { forwarded: 'for=198.51.100.7;proto=https;host=evil' }, '203.0.113.9');
  assert.deepEqual([c.ip, c.protocol, c.host], ['203.0.113.9', 'http', 'backend:9869']);
});

test('with both styles X-Forwarded-* wins: a client cannot slip a Forwarded past a proxy that sets X-Forwarded-For', async (t) => {
  const ta = await appWithEcho(t);
  const c = await client(ta, { 'x-forwarded-for': '192.0.2.50', forwarded: 'for=198.51.100.7;proto=https' });
  assert.equal(c.ip, '192.0.2.50');
  assert.equal(c.protocol, 'http');
});

test('a chain of proxies: the walk stops at the first address that is not a trusted proxy', async (t) => {
  const ta = await appWithEcho(t, { trusted_proxies: ['127.0.0.1', '10.0.0.0/8'] });
  assert.equal((await client(ta, { 'x-forwarded-for': '192.0.2.50, 10.0.0.5' })).ip, '192.0.2.50');
  // The client wrote 1.1.1.1 itself; the first untrusted hop (the real client) is kept.
  assert.equal((await client(ta, { 'x-forwarded-for': '1.1.1.1, 192.0.2.50, 10.0.0.5' })).ip, '192.0.2.50');
  const viaForwarded = await client(ta, {
    forwarded: 'for=1.1.1.1;proto=http, for=192.0.2.50;proto=https, for=10.0.0.5',
  });
  assert.deepEqual([viaForwarded.ip, viaForwarded.protocol], ['192.0.2.50', 'https']);
});

test('IPv6 proxies and an IPv4 peer seen as ::ffff:a.b.c.d on a dual-stack socket', async (t) => {
  const ta = await appWithEcho(t, { trusted_proxies: ['2001:db8:f::/48', '127.0.0.1/8'] });
  assert.equal((await client(ta, { 'x-forwarded-for': '192.0.2.9' }, '2001:db8:f::10')).ip, '192.0.2.9');
  assert.equal((await client(ta, { 'x-forwarded-for': '192.0.2.9' }, '2001:db8:e::10')).ip, '2001:db8:e::10');
  assert.equal((await client(ta, { 'x-forwarded-for': '192.0.2.9' }, '::ffff:127.0.0.1')).ip, '192.0.2.9');
});

test('an empty :trusted_proxies trusts no one, loopback included', async (t) => {
  const ta = await appWithEcho(t, { trusted_proxies: [] });
  const c = await client(ta, FORGED);
  assert.deepEqual([c.ip, c.protocol], ['127.0.0.1', 'http']);
});

test(':session_bind_ip binds to the client address the trusted proxy reports, not to the proxy', async (t) => {
  const ta = await appWithEcho(t, { session_bind_ip: true });
  const res = await loginFrom(ta, '127.0.0.1', { 'x-forwarded-for': '192.0.2.10' });
  assert.equal(res.statusCode, 204);
  const headers = {
    cookie: sessionCookie(res)?.split(';')[0] ?? '',
    'x-csrf-token': String(res.headers['x-csrf-token']),
  };
  const same = await ta.app.inject({ url: '/vm', headers: { ...headers, 'x-forwarded-for': '192.0.2.10' } });
  assert.equal(same.statusCode, 200);
  const moved = await ta.app.inject({ url: '/vm', headers: { ...headers, 'x-forwarded-for': '192.0.2.11' } });
  assert.equal(moved.statusCode, 401);
  // Another client forging the first one's address from outside is not believed either.
  const forged = await ta.app.inject({
    url: '/vm',
    headers: { ...headers, 'x-forwarded-for': '192.0.2.10' },
    remoteAddress: '203.0.113.3',
  });
  assert.equal(forged.statusCode, 401);
});

test('without :session_bind_ip a session follows its user across addresses (load balancers, mobile)', async (t) => {
  const ta = await appWithEcho(t);
  const res = await loginFrom(ta, '127.0.0.1', { 'x-forwarded-for': '192.0.2.10' });
  const headers = {
    cookie: sessionCookie(res)?.split(';')[0] ?? '',
    'x-csrf-token': String(res.headers['x-csrf-token']),
  };
  const moved = await ta.app.inject({ url: '/vm', headers: { ...headers, 'x-forwarded-for': '192.0.2.99' } });
  assert.equal(moved.statusCode, 200);
});
