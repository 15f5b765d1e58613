// Child processes for the benchmarks: the simulator and the server each get their own process (as in
// a deployment), so the load generator, the server and the "oned" do not share an event loop.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `sunstone-server oned-sim` on a free port; resolves when it prints its URL. */
export async function startSim({ vms, seed = 1 }) {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-bench-'));
  const authFile = join(dir, 'sunstone_auth');
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/sunstone-server.js'),
      'oned-sim',
      '--port',
      '0',
      '--vms',
      String(vms),
      '--seed',
      String(seed),
      '--write-auth',
      authFile,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('simulator did not start within 120 s')), 120_000);
    child.stdout.on('data', (d) => {
      buf += d.toString();
      const m = /(http:\/\/\S+\/RPC2)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return {
    url,
    authFile,
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Forks the server (compiled dist/) against a simulator; answers stats over IPC. */
export async function startServer(sim) {
  const child = fork(join(ROOT, 'bench/lib/server-child.mjs'), [], {
    env: { ...process.env, BENCH_ONE_XMLRPC: sim.url, BENCH_AUTH_FILE: sim.authFile },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of the server there (open it in Chrome DevTools).
    // BENCH_NODE_FLAGS="--trace-gc ...": extra Node/V8 flags for the server, for diagnosis.
    execArgv: [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      ...(process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== ''),
    ],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  let seq = 0;
  const ask = (cmd) =>
    new Promise((resolve) => {
      const id = ++seq;
      const onMsg = (m) => {
        if (m.id === id) {
          child.off('message', onMsg);
          resolve(m);
        }
      };
      child.on('message', onMsg);
      child.send({ id, cmd });
    });
  return {
    url,
    /** Resets the event-loop delay histogram. */
    resetStats: () => ask('reset'),
    /** { eldMaxMs, eldP99Ms } since the last reset, and memory now (rssMb, heapUsedMb, ...). */
    stats: () => ask('stats'),
    /** Writes a heap snapshot in the server's working directory; resolves { file }. */
    snapshot: () => ask('snapshot'),
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
