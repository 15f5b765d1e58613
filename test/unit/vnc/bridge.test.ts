// The bridge's bounds, with doubles for both ends so each step is observed, not timed: reading from
// the VNC server pauses while too much waits for a slow browser and resumes once half has gone;
// reading from the browser pauses while the VNC server's socket is full; an idle or unresponsive
// console is closed; either side closing closes the other.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { test } from 'node:test';
import type WebSocket from 'ws';
import { bridge, type BridgeOptions } from '../../../src/vnc/bridge.js';

class FakeWs extends EventEmitter {
  readonly OPEN = 1;
  readonly CONNECTING = 0;
  readyState = 1;
  paused = false;
  closedWith: number | null = null;
  pings = 0;
  /** Send callbacks not yet called: the browser has not taken these bytes yet. */
  readonly unsent: Array<() => void> = [];
  readonly sent: Array<Buffer | string> = [];
  send(data: Buffer | string, _opts: unknown, cb: () => void): void {
    this.sent.push(data);
    this.unsent.push(cb);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  /** A live browser answers every ping. */
  answersPings = false;
  ping(): void {
    this.pings++;
    if (this.answersPings) setImmediate(() => this.emit('pong'));
  }
  close(code: number): void {
    if (this.readyState !== 1) return;
    this.closedWith = code;
    this.readyState = 3;
    setImmediate(() => this.emit('close', code, Buffer.alloc(0)));
  }
  terminate(): void {
    this.close(1006);
  }
}

class FakeTcp extends EventEmitter {
  paused = false;
  full = false;
  destroyed = false;
  readonly written: Buffer[] = [];
  setNoDelay(): this {
    return this;
  }
  pause(): this {
    this.paused = true;
    return this;
  }
  resume(): this {
    this.paused = false;
    return this;
  }
  write(b: Buffer): boolean {
    this.written.push(b);
    return !this.full;
  }
  destroy(): this {
    if (!this.destroyed) {
      this.destroyed = true;
      setImmediate(() => this.emit('close'));
    }
    return this;
  }
}

function make(o: Partial<BridgeOptions> = {}) {
  const ws = new FakeWs();
  const tcp = new FakeTcp();
  const clock = { now: 0 };
  const b = bridge(ws as unknown as WebSocket, tcp as unknown as Socket, {
    mode: 'binary',
    highWaterBytes: 100,
    pingIntervalMs: 60_000,
    idleTimeoutMs: 60_000,
    now: () => clock.now,
    ...o,
  });
  return { ws, tcp, clock, b };
}

test('a slow browser pauses the VNC server side until half the queue has gone', async () => {
  const { ws, tcp, b } = make();
  tcp.emit('data', Buffer.alloc(60));
  assert.equal(tcp.paused, false, '60 bytes queued: under the 100 byte mark');
  tcp.emit('data', Buffer.alloc(60));
  assert.equal(tcp.paused, true, '120 bytes queued: reading stops');
  ws.unsent.shift()?.();
  assert.equal(tcp.paused, true, '60 left: more than half of the mark');
  ws.unsent.shift()?.();
  assert.equal(tcp.paused, false, 'all gone: reading goes on');
  assert.deepEqual(
    ws.sent.map((d) => (d as Buffer).length),
    [60, 60],
  );
  b.shutdown();
  await b.done;
});

test('a slow VNC server pauses the browser side until its socket drains', async () => {
  const { ws, tcp, b } = make();
  ws.emit('message', Buffer.from('key'), true);
  assert.equal(ws.paused, false);
  tcp.full = true;
  ws.emit('message', Buffer.from('more'), true);
  assert.equal(ws.paused, true);
  tcp.emit('drain');
  assert.equal(ws.paused, false);
  assert.equal(Buffer.concat(tcp.written).toString(), 'keymore');
  b.shutdown();
  const stats = await b.done;
  assert.equal(stats.endedBy, 'shutdown');
  assert.equal(ws.closedWith, 1001);
});

test('base64 mode: text frames decoded on the way in and encoded on the way out', async () => {
  const { ws, tcp, b } = make({ mode: 'base64' });
  ws.emit('message', Buffer.from(Buffer.from('RFB 003.008\n').toString('base64')), false);
  assert.equal(Buffer.concat(tcp.written).toString(), 'RFB 003.008\n');
  tcp.emit('data', Buffer.from([1, 1]));
  assert.equal(ws.sent[0], Buffer.from([1, 1]).toString('base64'));
  b.shutdown();
  await b.done;
});

test('the VNC server closing closes the websocket (1000), and the counts are reported', async () => {
  const { ws, tcp, b } = make();
  tcp.emit('data', Buffer.alloc(5));
  ws.emit('message', Buffer.alloc(3), true);
  tcp.emit('end');
  const stats = await b.done;
  assert.deepEqual(stats, { toBrowser: 5, toServer: 3, endedBy: 'server' });
  assert.equal(ws.closedWith, 1000);
});

test('the browser closing closes the VNC connection', async () => {
  const { ws, tcp, b } = make();
  ws.close(1000);
  const stats = await b.done;
  assert.equal(stats.endedBy, 'browser');
  assert.equal(tcp.destroyed, true);
});

test('an idle console is closed', async () => {
  const { ws, clock, b } = make({ idleTimeoutMs: 5, pingIntervalMs: 5 });
  clock.now = 10;
  const stats = await b.done;
  assert.equal(stats.endedBy, 'idle');
  assert.equal(ws.closedWith, 1000);
});

test('a browser that does not answer a ping is dropped', async () => {
  const { ws, b } = make({ pingIntervalMs: 5 });
  const stats = await b.done;
  assert.ok(ws.pings >= 1);
  assert.equal(stats.endedBy, 'unresponsive');
});

test('pongs keep a quiet console open', async () => {
  const { ws, b } = make({ pingIntervalMs: 5 });
  ws.answersPings = true;
  while (ws.pings < 4) await new Promise((r) => setTimeout(r, 5));
  assert.equal(ws.closedWith, null);
  b.shutdown();
  await b.done;
});
