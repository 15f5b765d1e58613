// The simulated VMs' VNC endpoints. A running VM shows GRAPHICS/PORT (5900 + id) and runs on a host
// named like node01, neither of which exists on this machine, so a console proxy asks here where
// `<hostname>:<port>` really is: the answer is a loopback port with a tiny RFB server
// (rfb-server.ts) for that VM, opened on demand. Bounded: at most `maxListeners` VMs have a listener
// (the least recently used one without connections is closed first) and each takes at most
// `maxConnections` connections at a time.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { serveRfb } from './rfb-server.js';
import type { Sim } from './sim.js';
import { S } from './vm-codes.js';

export interface ConsoleEndpoint {
  readonly host: string;
  readonly port: number;
}

export interface SimConsolesOptions {
  /** Most VMs with a listener at once (default 32). */
  readonly maxListeners?: number;
  /** Most open connections per VM (default 16). */
  readonly maxConnections?: number;
}

interface Listener {
  readonly server: Server;
  readonly port: number;
  readonly sockets: Set<Socket>;
}

export class SimConsoles {
  readonly #core: Sim;
  readonly #listeners = new Map<number, Promise<Listener>>();
  readonly #maxListeners: number;
  readonly #maxConnections: number;
  #closed = false;

  constructor(core: Sim, options: SimConsolesOptions = {}) {
    this.#core = core;
    this.#maxListeners = options.maxListeners ?? 32;
    this.#maxConnections = options.maxConnections ?? 16;
  }

  /**
   * Where the VNC server of the VM behind `hostname:port` listens, or null when no running VM has
   * that console (a real host would refuse the connection).
   */
  async resolve(hostname: string, port: number): Promise<ConsoleEndpoint | null> {
    if (this.#closed) return null;
    const vm = this.#core.state.vms.find(
      (v) =>
        v.state === S.ACTIVE &&
        v.history.at(-1)?.hostname === hostname &&
        v.template.vector('GRAPHICS')?.get('PORT') === String(port),
    );
    if (vm === undefined) return null;
    const known = this.#listeners.get(vm.id);
    if (known !== undefined) {
      // Most recently used goes to the young end of the Map's order.
      this.#listeners.delete(vm.id);
      this.#listeners.set(vm.id, known);
      return { host: '127.0.0.1', port: (await known).port };
    }
    if (this.#listeners.size >= this.#maxListeners && !(await this.#evictOne())) return null;
    const opening = this.#open(vm.name);
    this.#listeners.set(vm.id, opening);
    opening.catch(() => this.#listeners.delete(vm.id));
    return { host: '127.0.0.1', port: (await opening).port };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#listeners.values()];
    this.#listeners.clear();
    await Promise.all(all.map(async (p) => shut(await p)));
  }

  async #evictOne(): Promise<boolean> {
    for (const [id, p] of this.#listeners) {
      const l = await p;
      if (l.sockets.size > 0) continue;
      this.#listeners.delete(id);
      await shut(l);
      return true;
    }
    return false;
  }

  async #open(name: string): Promise<Listener> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      if (sockets.size >= this.#maxConnections) {
        socket.destroy();
        return;
      }
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      serveRfb(socket, name);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return { server, port: (server.address() as AddressInfo).port, sockets };
  }
}

function shut(l: Listener): Promise<void> {
  for (const s of l.sockets) s.destroy();
  return new Promise((resolve) => l.server.close(() => resolve()));
}
