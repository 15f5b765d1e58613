// Seeded wild VMs: guests a hypervisor runs that OpenNebula did not create, which oned's monitoring
// lists in the host's TEMPLATE as repeated VM vectors (VM_NAME, DEPLOY_ID, IMPORT_TEMPLATE: the
// base64 of a VM template with IMPORT_VM_ID, plus POLL and UUID), and `onehost show` prints under
// "WILD VIRTUAL MACHINES". host.xsd lets any element into TEMPLATE. Two on the first host and one
// on the second, with fixed values and no random numbers drawn, so the rest of the seed is unchanged.
import type { Sim } from './sim.js';
import type { Vector } from './template.js';

export interface WildSeed {
  readonly host: number;
  readonly name: string;
  /** The libvirt domain UUID: DEPLOY_ID, UUID and the template's IMPORT_VM_ID. */
  readonly uuid: string;
  readonly vcpu: number;
  /** MB. */
  readonly memory: number;
}

export const WILDS: readonly WildSeed[] = [
  { host: 0, name: 'legacy-db', uuid: '6f1c2a4e-0b7d-4e3a-9c58-2d41f0a7b913', vcpu: 2, memory: 4096 },
  { host: 0, name: 'legacy-web', uuid: 'a83e5d10-7c2f-4b96-8e0d-5f6a1b2c3d47', vcpu: 1, memory: 1024 },
  { host: 1, name: 'build-agent', uuid: '0d9b7e62-3a15-4f8c-b2e1-7c4d5a6f8e20', vcpu: 4, memory: 8192 },
];

/** The template oned would allocate the wild VM from (OpenNebula template text). */
export function wildTemplate(w: WildSeed): string {
  return [
    `NAME="${w.name}"`,
    `CPU="${w.vcpu}"`,
    `VCPU="${w.vcpu}"`,
    `MEMORY="${w.memory}"`,
    'HYPERVISOR="kvm"',
    `IMPORT_VM_ID="${w.uuid}"`,
    'OS=[ARCH="x86_64"]',
  ].join('\n');
}

/** The host TEMPLATE entry monitoring reports for it. */
export function wildEntry(w: WildSeed): Vector {
  return new Map([
    ['DEPLOY_ID', w.uuid],
    ['IMPORT_TEMPLATE', Buffer.from(wildTemplate(w), 'utf8').toString('base64')],
    ['POLL', `STATE=a CPU=${(w.vcpu * 12.5).toFixed(1)} MEMORY=${w.memory * 768} NETRX=0 NETTX=0`],
    ['UUID', w.uuid],
    ['VM_NAME', w.name],
  ]);
}

export function seedWilds(sim: Sim): void {
  for (const w of WILDS) sim.state.hosts.get(w.host)?.template.add({ name: 'VM', vector: wildEntry(w) });
}
