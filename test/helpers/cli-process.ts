// The real `sunstone-server` command as a child process, run from src/ through tsx (no build step):
// its JSON log lines are collected so tests can wait for what it says (worker pids, "ready",
// rolling restart done) and its exit is awaited with code and signal. It runs in a process group
// of its own, killed whole in t.after, so no cluster worker outlives a failed test.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OutputTail, sleep } from './wait-port.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_MAIN = join(ROOT, 'src', 'cli', 'main.ts');

/** One pino line of the server's output. */
export type LogLine = Record<string, unknown> & { readonly msg?: string; readonly pid?: number };

export interface CliProcess {
  readonly pid: number;
  /** Every JSON line printed so far, in order. */
  readonly lines: readonly LogLine[];
  /** stdout and stderr, last 64 KiB: shown when a wait fails. */
  readonly output: () => string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line (from index `from` on) that matches, or rejects after `timeoutMs`. */
  waitFor(
    match: (line: LogLine) => boolean,
    what: string,
    opts?: { from?: number; timeoutMs?: number },
  ): Promise<LogLine>;
  signal(sig: NodeJS.Signals): void;
}

export function startCli(t: TestContext, args: readonly string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error('could not start the sunstone-server command');
  const pid = child.pid;
  const lines: LogLine[] = [];
  const tail = new OutputTail();
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    tail.add(chunk);
    partial += chunk.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) {
      if (!text.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => tail.add(chunk));
  let exited = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close', not 'exit': workers inherit the pipes, so every line of every process has been read.
    child.once('close', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  t.after(async () => {
    if (!exited) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exit;
    }
  });

  async function waitFor(
    match: (line: LogLine) => boolean,
    what: string,
    opts: { from?: number; timeoutMs?: number } = {},
  ): Promise<LogLine> {
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    for (let i = opts.from ?? 0; ;) {
      for (; i < lines.length; i++) {
        const line = lines[i] as LogLine;
        if (match(line)) return line;
      }
      if (exited || Date.now() > deadline) {
        throw new Error(
          `sunstone-server ${exited ? 'exited' : 'said nothing'} before ${what}:\n${tail.text}`,
        );
      }
      await sleep(20);
    }
  }

  return {
    pid,
    lines,
    output: () => tail.text,
    exit,
    waitFor,
    signal: (sig) => {
      if (!exited) process.kill(pid, sig);
    },
  };
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
