// Test fixture: a seeded simulator core without sockets, on a clock the test moves by hand.
import { createCipheriv, createHash } from 'node:crypto';
import { decodeResponse, encodeCall, type XmlRpcValue } from '../../../src/one/codec.js';
import { Dispatcher } from '../../../src/oned-sim/dispatch.js';
import { methodTable } from '../../../src/oned-sim/methods/table.js';
import { seedCloud } from '../../../src/oned-sim/seed.js';
import { Sim } from '../../../src/oned-sim/sim.js';

export const T0 = 1_795_000_000_000;

export interface Fixture {
  readonly sim: Sim;
  readonly clock: { ms: number };
  readonly serverPassword: string;
  readonly dispatcher: Dispatcher;
  /** Calls a method through the dispatcher; returns oned's array, or the fault. */
  call(method: string, ...params: XmlRpcValue[]): XmlRpcValue[] | { fault: number; message: string };
}

export function fixture(
  opts: { vms?: number; seed?: number; speed?: number; scheduler?: boolean } = {},
): Fixture {
  const clock = { ms: T0 };
  const sim = new Sim({
    seed: opts.seed ?? 1,
    speed: opts.speed ?? 0,
    scheduler: opts.scheduler ?? true,
    clock: () => clock.ms,
    version: '6.10.5',
    desc: true,
    maxVms: 100_000,
  });
  const { serverAdminPassword } = seedCloud(sim, { vms: opts.vms ?? 10 });
  const dispatcher = new Dispatcher(sim, methodTable());
  return {
    sim,
    clock,
    serverPassword: serverAdminPassword,
    dispatcher,
    call(method, ...params) {
      const r = decodeResponse(dispatcher.handle(encodeCall(method, params)));
      if (r.fault) return { fault: r.code, message: r.message };
      return r.value as XmlRpcValue[];
    },
  };
}

/** The client side of a server_cipher token, written here independently (reference §5.4). */
export function cipherToken(plainPassword: string, text: string): string {
  const hex = createHash('sha256').update(plainPassword).digest('hex');
  const c = createCipheriv(
    'aes-256-cbc',
    Buffer.from(hex.slice(0, 32), 'ascii'),
    Buffer.from(hex.slice(0, 16), 'ascii'),
  );
  return Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
}
