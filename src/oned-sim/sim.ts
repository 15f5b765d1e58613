// The simulator's core, shared by every method handler: the database, the clock, the seeded
// random stream, the timeline and the VM life cycle with its scheduler. No sockets here.
import { Lifecycle } from './lifecycle.js';
import { Prng } from './prng.js';
import { Scheduler } from './scheduler.js';
import { SimState } from './state.js';
import { Timeline } from './timeline.js';

export interface SimSettings {
  readonly seed: number;
  /** Multiplier of every delay; 0 = instant transitions. */
  readonly speed: number;
  /** Run the built-in scheduler (deploys PENDING VMs). */
  readonly scheduler: boolean;
  /** Epoch milliseconds. */
  readonly clock: () => number;
  /** What one.system.version answers. */
  readonly version: string;
  /** Pool order: oned.conf API_LIST_ORDER (a stock oned.conf says DESC). */
  readonly desc: boolean;
  /** Maximum VMs the database may hold. */
  readonly maxVms: number;
}

export class Sim {
  readonly state: SimState;
  readonly rng: Prng;
  readonly timeline: Timeline;
  readonly scheduler: Scheduler;
  readonly lifecycle: Lifecycle;
  /** The port the server listens on (for one.system.config and zone 0's ENDPOINT). */
  port = 2633;

  constructor(readonly settings: SimSettings) {
    this.state = new SimState(settings.version, { vms: settings.maxVms, objects: 100_000 });
    this.rng = new Prng(settings.seed);
    this.timeline = new Timeline(settings.speed);
    this.scheduler = new Scheduler({
      state: this.state,
      timeline: this.timeline,
      enabled: settings.scheduler,
      now: () => this.now(),
    });
    this.lifecycle = new Lifecycle({
      state: this.state,
      timeline: this.timeline,
      now: () => this.now(),
      wakeScheduler: () => this.scheduler.wake(),
    });
    this.scheduler.attach(this.lifecycle);
  }

  get seed(): number {
    return this.settings.seed;
  }

  /** Epoch seconds. */
  now(): number {
    return Math.floor(this.settings.clock() / 1000);
  }

  close(): void {
    this.timeline.close();
  }
}
