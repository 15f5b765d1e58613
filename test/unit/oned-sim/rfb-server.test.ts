// The simulator's VNC endpoints: a running VM's <host name>:<GRAPHICS/PORT> resolves to a loopback
// RFB server that completes the handshake (3.8, 3.7, 3.3), names the VM and serves a still frame in
// the pixel format the client asks for. VMs that are not running have no console.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test, type TestContext } from 'node:test';
import { SimConsoles } from '../../../src/oned-sim/consoles.js';
import { startSimulator, type Simulator } from '../../../src/oned-sim/main.js';
import { FB_HEIGHT, FB_WIDTH, encodePixelFormat } from '../../../src/oned-sim/rfb-server.js';
import { requestFrame, rfbHandshake, socketStream, type ByteStream } from '../../helpers/rfb-client.js';

async function sim(t: TestContext): Promise<Simulator> {
  const s = await startSimulator({ port: 0, vms: 10, seed: 1, speed: 0 });
  t.after(() => s.close());
  return s;
}

async function open(t: TestContext, port: number): Promise<ByteStream> {
  const socket = connect({ host: '127.0.0.1', port });
  t.after(() => socket.destroy());
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socketStream(socket);
}

test('a running VM console answers the RFB 3.8 handshake with its name and a still frame', async (t) => {
  const s = await sim(t);
  const vm = s.core.state.vms.get(0);
  assert.ok(vm);
  const at = await s.consoles.resolve('node01', 5900);
  assert.ok(at, 'VM 0 runs on node01 with GRAPHICS/PORT 5900');
  assert.equal(at.host, '127.0.0.1');
  const io = await open(t, at.port);
  const init = await rfbHandshake(io);
  assert.deepEqual(init, {
    serverVersion: 'RFB 003.008\n',
    width: FB_WIDTH,
    height: FB_HEIGHT,
    bitsPerPixel: 32,
    name: vm.name,
  });
  const frame = await requestFrame(io, FB_WIDTH, FB_HEIGHT, 4);
  // Top-left pixel: red 0, green 0, blue 0x80 in the server's little-endian 0x00RRGGBB.
  assert.equal(frame.readUInt32LE(0), 0x80);
  // Last pixel of the first row: full red.
  assert.equal(frame.readUInt32LE((FB_WIDTH - 1) * 4), 0xff0080);
});

test('the frame follows SetPixelFormat (16 bits, big-endian RGB565)', async (t) => {
  const s = await sim(t);
  const at = await s.consoles.resolve('node01', 5900);
  assert.ok(at);
  const io = await open(t, at.port);
  await rfbHandshake(io);
  const msg = Buffer.alloc(20);
  encodePixelFormat({
    bitsPerPixel: 16,
    depth: 16,
    bigEndian: true,
    trueColour: true,
    redMax: 31,
    greenMax: 63,
    blueMax: 31,
    redShift: 11,
    greenShift: 5,
    blueShift: 0,
  }).copy(msg, 4);
  io.write(msg);
  const frame = await requestFrame(io, FB_WIDTH, FB_HEIGHT, 2);
  assert.equal(frame.readUInt16BE((FB_WIDTH - 1) * 2), (31 << 11) | 16);
});

test('older viewers: 3.7 (no SecurityResult for None) and 3.3 (server picks None)', async (t) => {
  const s = await sim(t);
  const at = await s.consoles.resolve('node01', 5900);
  assert.ok(at);
  for (const version of ['RFB 003.007\n', 'RFB 003.003\n']) {
    const init = await rfbHandshake(await open(t, at.port), version);
    assert.equal(init.width, FB_WIDTH, version);
  }
});

test('a client that is not speaking RFB is disconnected', async (t) => {
  const s = await sim(t);
  const at = await s.consoles.resolve('node01', 5900);
  assert.ok(at);
  const io = await open(t, at.port);
  await io.read(12);
  io.write('GET / HTTP/1.1\r\n\r\n');
  await assert.rejects(io.read(1), /closed/);
});

test('no console where no VM runs: other host, other port, powered-off VM', async (t) => {
  const s = await sim(t);
  assert.equal(await s.consoles.resolve('node02', 5900), null, 'VM 0 is not on node02');
  assert.equal(await s.consoles.resolve('node01', 5999), null);
  assert.equal(s.core.state.vms.get(2)?.state, 8, 'VM 2 is POWEROFF in this seed');
  assert.equal(await s.consoles.resolve('node03', 5902), null);
});

test('one listener per VM, reused, and bounded', async (t) => {
  const s = await sim(t);
  const a = await s.consoles.resolve('node01', 5900);
  const b = await s.consoles.resolve('node01', 5900);
  assert.equal(a?.port, b?.port, 'the same VM keeps its listener');
  const c = await s.consoles.resolve('node02', 5901);
  assert.notEqual(c?.port, a?.port, 'another VM gets its own');
});

test('listeners are bounded: an idle one is closed for a new VM, a busy one is kept', async (t) => {
  const s = await sim(t);
  const consoles = new SimConsoles(s.core, { maxListeners: 1 });
  t.after(() => consoles.close());
  const first = await consoles.resolve('node01', 5900);
  assert.ok(first);
  const second = await consoles.resolve('node02', 5901);
  assert.ok(second, 'VM 0 had no connection: its listener made room');
  await assert.rejects(
    open(t, first.port).then((io) => io.read(1)),
    /ECONNREFUSED|closed/,
    'the evicted listener is gone',
  );
  const io = await open(t, second.port);
  await io.read(12);
  assert.equal(await consoles.resolve('node01', 5900), null, 'VM 1 is in use: no room for VM 0');
});
