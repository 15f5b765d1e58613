// The simulator's HTTP behaviour over real sockets: oned's headers, Connection: close after every
// answer (or keep-alive when asked), the fault switches, the credentials file and the CLI process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCipheriv, createHash } from 'node:crypto';
import { encodeCall } from '../../src/one/codec.js';
import { startSimulator } from '../../src/oned-sim/main.js';
import { ok, rpc, rpcRaw } from './oned-sim-rpc.js';

interface RawExchange {
  readonly responses: string[];
  /** The server closed the socket. */
  readonly closedByServer: boolean;
}

/** Sends `count` requests on one socket (the next one after each full answer) and records what comes back. */
function exchange(
  port: number,
  body: Buffer,
  count: number,
  path = '/RPC2',
  method = 'POST',
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const responses: string[] = [];
    let buf = '';
    const send = (): void => {
      s.write(
        `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`,
      );
      s.write(body);
    };
    const s = connect(port, '127.0.0.1', send);
    s.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      const head = buf.indexOf('\r\n\r\n');
      const len = /Content-length: (\d+)/i.exec(buf);
      if (head >= 0 && len && buf.length >= head + 4 + Number(len[1])) {
        responses.push(buf.slice(0, head + 4 + Number(len[1])));
        buf = buf.slice(head + 4 + Number(len[1]));
        if (responses.length < count) send();
        else s.end();
      }
    });
    let closedByServer = false;
    s.on('end', () => {
      if (responses.length < count || s.writableEnded === false) closedByServer = true;
    });
    s.on('error', (err: NodeJS.ErrnoException) => {
      // Writing the next request to a socket the server has closed: that is the point.
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') closedByServer = true;
      else reject(err);
    });
    s.on('close', () => resolve({ responses, closedByServer: closedByServer || responses.length < count }));
  });
}

const VERSION = encodeCall('one.system.version', ['oneadmin:opennebula']);

test('every answer carries xmlrpc-c headers and Connection: close, and the server closes the socket', async (t) => {
  const sim = await startSimulator({ port: 0, vms: 0, speed: 0 });
  t.after(() => sim.close());
  const r = await exchange(sim.port, VERSION, 2);
  assert.equal(r.responses.length, 1, 'a second request on the same socket gets nothing');
  assert.equal(r.closedByServer, true);
  const head = (r.responses[0] ?? '').split('\r\n\r\n')[0] ?? '';
  const lines = head.split('\r\n');
  assert.equal(lines[0], 'HTTP/1.1 200 OK');
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(':')[0]),
    ['Content-type', 'Content-length', 'Connection', 'Date', 'Server'],
  );
  assert.ok(lines.includes('Content-type: text/xml; charset=utf-8'));
  assert.ok(lines.includes('Connection: close'));
  assert.ok(lines.includes('Server: Xmlrpc-c_Abyss/1.33.14'));
  assert.match(
    lines.find((l) => l.startsWith('Date:')) ?? '',
    /^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC$/,
  );
  // Failures and faults close the connection too.
  for (const body of [encodeCall('one.system.version', ['oneadmin:bad']), encodeCall('one.nope', ['x'])]) {
    const f = await exchange(sim.port, body, 2);
    assert.equal(f.responses.length, 1);
    assert.match(f.responses[0] ?? '', /\r\nConnection: close\r\n/);
  }
});

test('the keep-alive switch keeps the connection for several calls', async (t) => {
  const sim = await startSimulator({ port: 0, vms: 0, speed: 0, keepAlive: true });
  t.after(() => sim.close());
  const r = await exchange(sim.port, VERSION, 3);
  assert.equal(r.responses.length, 3);
  for (const resp of r.responses) {
    assert.doesNotMatch(resp, /Connection: close/);
    assert.match(resp, /<string>6\.10\.5<\/string>/);
  }
});

test('only POST /RPC2: other paths 404, other methods 405', async (t) => {
  const sim = await startSimulator({ port: 0, vms: 0, speed: 0 });
  t.after(() => sim.close());
  assert.match((await exchange(sim.port, VERSION, 1, '/other')).responses[0] ?? '', /^HTTP\/1.1 404 /);
  assert.match(
    (await exchange(sim.port, Buffer.alloc(0), 1, '/RPC2', 'GET')).responses[0] ?? '',
    /^HTTP\/1.1 405 /,
  );
});

test('fault switches: refusing connections, closing mid-answer, added latency; all can be turned off', async (t) => {
  const sim = await startSimulator({ port: 0, vms: 0, speed: 0 });
  t.after(() => sim.close());
  sim.faults.refuse = true;
  await assert.rejects(rpc(sim.url, 'one.system.version', 'oneadmin:opennebula'));
  sim.faults.refuse = false;
  sim.faults.closeMidResponse = true;
  await assert.rejects(rpc(sim.url, 'one.system.version', 'oneadmin:opennebula'));
  const cut = await exchange(sim.port, VERSION, 1);
  assert.equal(cut.responses.length, 0, 'the answer is never complete');
  sim.faults.closeMidResponse = false;
  sim.faults.latencyMs = 30;
  assert.equal(await ok(sim.url, 'one.system.version', 'oneadmin:opennebula'), '6.10.5');
  sim.faults.latencyMs = 0;
  assert.equal(await ok(sim.url, 'one.system.version', 'oneadmin:opennebula'), '6.10.5');
});

test('--write-auth writes serveradmin:<password> with mode 0600, and that password signs working tokens', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'oned-sim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'sunstone_auth');
  const sim = await startSimulator({ port: 0, vms: 5, speed: 0, writeAuth: file });
  t.after(() => sim.close());
  const content = readFileSync(file, 'utf8');
  assert.equal(content, `serveradmin:${sim.serverAdmin.password}\n`);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const [user, password] = content.trim().split(':') as [string, string];
  const hex = createHash('sha256').update(password).digest('hex');
  const c = createCipheriv('aes-256-cbc', Buffer.from(hex.slice(0, 32)), Buffer.from(hex.slice(0, 16)));
  const expiry = Math.floor(Date.now() / 1000) + 300;
  const token = Buffer.concat([c.update(`${user}:demo:${expiry}`), c.final()]).toString('base64');
  const xml = await ok(sim.url, 'one.user.info', `${user}:demo:${token}`, -1);
  assert.match(String(xml), /^<USER><ID>2<\/ID>/);
  await assert.rejects(
    startSimulator({ port: 0, vms: 0, writeAuth: join(dir, 'missing', 'sunstone_auth') }),
    (e: { code: string; message: string }) =>
      e.code === 'SUN_ERR_SIM_WRITE_AUTH' && /missing\/sunstone_auth/.test(e.message),
  );
});

test('a port in use is a clear SUN_ERR_SIM_LISTEN', async (t) => {
  const sim = await startSimulator({ port: 0, vms: 0 });
  t.after(() => sim.close());
  await assert.rejects(
    startSimulator({ port: sim.port, vms: 0 }),
    (e: { code: string; message: string }) =>
      e.code === 'SUN_ERR_SIM_LISTEN' &&
      e.message.includes(`port ${sim.port} on 127.0.0.1 is already in use`),
  );
});

test('the CLI prints one line with the URL, serves, and stops on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/oned-sim-cli.ts', '--port', '0', '--vms', '3', '--speed', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /oned-sim listening on (http:\/\/\S+\/RPC2)\n/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
  });
  assert.equal(out.split('\n').filter(Boolean).length, 1);
  const r = await rpcRaw(url, 'one.system.version', 'oneadmin:opennebula');
  assert.deepEqual(r, { fault: false, value: [true, '6.10.5', 0] });
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  assert.equal(code, 0);
});
