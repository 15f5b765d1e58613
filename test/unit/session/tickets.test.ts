// Tickets (VNC console tokens) in both session stores: kept apart from sessions and counters,
// readable until claimed, claimed exactly once even by racing callers, bounded in memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryTickets } from '../../../src/session/memory-tickets.js';
import { isTicketStore } from '../../../src/session/store.js';
import { storeFor, testEachStore } from '../../helpers/stores.js';

testEachStore('a ticket is read until claimed, then gone', async (t, kind) => {
  const { store } = await storeFor(t, kind);
  assert.ok(isTicketStore(store));
  await store.putTicket('vnc:abc123', '{"vm":3}', 60);
  assert.equal(await store.peekTicket('vnc:abc123'), '{"vm":3}');
  assert.equal(await store.peekTicket('vnc:abc123'), '{"vm":3}', 'peeking does not use it up');
  assert.equal(await store.claimTicket('vnc:abc123', 60), true);
  assert.equal(await store.claimTicket('vnc:abc123', 60), false, 'a second claim loses');
  assert.equal(await store.peekTicket('vnc:abc123'), null);
  assert.equal(await store.peekTicket('vnc:unknown'), null);
});

testEachStore('of racing claims exactly one wins', async (t, kind) => {
  const { store } = await storeFor(t, kind);
  await store.putTicket('vnc:race', 'x', 60);
  const results = await Promise.all(Array.from({ length: 8 }, () => store.claimTicket('vnc:race', 60)));
  assert.equal(results.filter((r) => r).length, 1);
});

testEachStore('tickets do not meet sessions or counters of the same name', async (t, kind) => {
  const { store } = await storeFor(t, kind);
  await store.putTicket('same', 'ticket', 60);
  await store.incr('same', 60);
  assert.equal(await store.get('same'), null);
  assert.equal(await store.peekTicket('same'), 'ticket');
  assert.equal(await store.count('same'), 1);
});

test('memory tickets expire on the clock and stay bounded', async () => {
  let now = 1_000_000;
  const tickets = new MemoryTickets(3, () => now);
  await tickets.putTicket('a', '1', 60);
  now += 60_000;
  assert.equal(await tickets.peekTicket('a'), null, 'expired after its TTL');
  assert.equal(await tickets.claimTicket('a'), false, 'an expired ticket cannot be claimed');
  for (const name of ['b', 'c', 'd', 'e']) await tickets.putTicket(name, name, 60);
  assert.equal(tickets.size, 3);
  assert.equal(await tickets.peekTicket('b'), null, 'the oldest went first');
  assert.equal(await tickets.peekTicket('e'), 'e');
});
