// GET /infrastructure (reference sunstone-server.md §3.3): what the hosts offer, for the template
// wizard's PCI, vCenter customization, CPU model, machine type and LXD profile pickers. Read as
// serveradmin (every host, whoever asks) at the session's zone, de-duplicated in first-seen order:
//   {"pci_devices":[{"device","class","vendor","device_name"}], "vcenter_customizations":[...],
//    "kvm_info":{"set_cpu_models":[...],"set_kvm_machines":[...]}, "lxd_profiles":[...]}
import type { FastifyInstance } from 'fastify';
import { kindByUrl, type ResourceKind } from '../one/catalogue.js';
import type { OneJson } from '../one/types.js';
import type { OneDeps } from './deps.js';
import { JSON_TYPE } from './json-reply.js';
import { oneFailure } from './one-failure.js';
import { nodesAt, textAt, textsAt } from './one-json.js';
import { oneClientFor } from './zone-client.js';

interface PciDevice {
  readonly device: string | null;
  readonly class: string | null;
  readonly vendor: string | null;
  readonly device_name: string | null;
}

export interface Infrastructure {
  readonly pci_devices: PciDevice[];
  readonly vcenter_customizations: (string | null)[];
  readonly kvm_info: { readonly set_cpu_models: string[]; readonly set_kvm_machines: string[] };
  readonly lxd_profiles: string[];
}

/** Space-separated words, as Ruby's String#split(" ") (runs of whitespace, no empty words). */
function words(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(/\s+/).filter((w) => w !== '');
}

/** The sets Sunstone builds from a HOST_POOL document. */
export function infrastructureOf(pool: OneJson): Infrastructure {
  const hosts = nodesAt(pool, 'HOST_POOL/HOST');
  const pci = new Map<string, PciDevice>();
  for (const p of nodesAt(hosts, 'HOST_SHARE/PCI_DEVICES/PCI')) {
    const dev: PciDevice = {
      device: textAt(p, 'DEVICE') ?? null,
      class: textAt(p, 'CLASS') ?? null,
      vendor: textAt(p, 'VENDOR') ?? null,
      device_name: textAt(p, 'DEVICE_NAME') ?? null,
    };
    const key = JSON.stringify(dev);
    if (!pci.has(key)) pci.set(key, dev);
  }
  const customizations = new Set<string | null>();
  for (const c of nodesAt(hosts, 'TEMPLATE/CUSTOMIZATION')) customizations.add(textAt(c, 'NAME') ?? null);
  const cpuModels = new Set<string>();
  const machines = new Set<string>();
  for (const t of nodesAt(hosts, 'TEMPLATE')) {
    for (const w of words(textAt(t, 'KVM_CPU_MODELS'))) cpuModels.add(w);
    for (const w of words(textAt(t, 'KVM_MACHINES'))) machines.add(w);
  }
  const lxd = new Set<string>();
  for (const text of textsAt(hosts, 'TEMPLATE/LXD_PROFILES')) for (const w of words(text)) lxd.add(w);
  return {
    pci_devices: [...pci.values()],
    vcenter_customizations: [...customizations],
    kvm_info: { set_cpu_models: [...cpuModels], set_kvm_machines: [...machines] },
    lxd_profiles: [...lxd],
  };
}

export async function infrastructureRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  const hosts = kindByUrl('host') as ResourceKind;
  app.get('/infrastructure', async (request, reply) => {
    let pool: OneJson;
    try {
      pool = await oneClientFor(request, opts.oneClient).pool(opts.tokens.forServer(), hosts, -2);
    } catch (err) {
      throw oneFailure(err, 500);
    }
    return reply.type(JSON_TYPE).send(JSON.stringify(infrastructureOf(pool)));
  });
}
