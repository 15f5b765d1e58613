// What POST /vm/:id/startvnc reads from the VM (reference sunstone-server.md §9): whether it may have
// a console now (its LCM_STATE in Sunstone's list, TEMPLATE/GRAPHICS of type VNC or SPICE), where
// the VNC server is (the last history record's HOSTNAME, or a vCenter VM's ESX host, and
// GRAPHICS/PORT), its password, and the `info` block the console page shows (id, name, state, start
// time, addresses, OneFlow service), base64 with a newline every 60 characters as Ruby writes it.
import { LCM_STATES, VM_STATES } from '../one/vm-states.js';
import type { OneJson, OneJsonValue } from '../one/types.js';
import { VncConsoleError } from '../vnc/errors.js';
import { isObject, nodesAt, textAt, textOf } from './one-json.js';

/**
 * LCM states in which Sunstone opens a console: RUNNING, MIGRATE, SHUTDOWN, CANCEL, UNKNOWN,
 * HOTPLUG, SHUTDOWN_POWEROFF, the HOTPLUG_* and SHUTDOWN_UNDEPLOY states, DISK_SNAPSHOT,
 * DISK_SNAPSHOT_REVERT and DISK_RESIZE: those in which the hypervisor still runs the VM.
 */
export const CONSOLE_LCM_STATES: ReadonlySet<number> = new Set([
  3, 4, 12, 13, 16, 17, 18, 24, 25, 26, 27, 28, 29, 57, 58, 62,
]);

export interface ConsoleTarget {
  readonly host: string;
  readonly port: number;
  /** TEMPLATE/GRAPHICS/PASSWD, or null (Sunstone sends JSON null). */
  readonly password: string | null;
}

/** Where the console of `vm` (`{"VM":{...}}`) is, or Sunstone's 400 saying why there is none. */
export function consoleTarget(vm: OneJson): ConsoleTarget {
  const lcm = textAt(vm, 'VM/LCM_STATE') ?? '';
  if (lcm === '' || !CONSOLE_LCM_STATES.has(Number(lcm))) {
    throw new VncConsoleError('SUN_ERR_VNC_STATE', `Wrong state (${lcm}) to open a VNC session`);
  }
  const type = textAt(vm, 'VM/TEMPLATE/GRAPHICS/TYPE');
  if (type === undefined || !['vnc', 'spice'].includes(type.toLowerCase())) {
    throw new VncConsoleError('SUN_ERR_VNC_NOT_CONFIGURED', 'VM has no VNC configured');
  }
  let host = textAt(nodesAt(vm, 'VM/HISTORY_RECORDS/HISTORY').at(-1), 'HOSTNAME');
  if (textAt(vm, 'VM/USER_TEMPLATE/HYPERVISOR') === 'vcenter') {
    host = textAt(vm, 'VM/MONITORING/VCENTER_ESX_HOST');
    if (host === undefined) {
      throw new VncConsoleError(
        'SUN_ERR_VNC_NO_HOST',
        'Could not determine the vCenter ESX host where the VM is running. Wait till the ' +
          'VCENTER_ESX_HOST attribute is retrieved once the host has been monitored',
      );
    }
  }
  const id = textAt(vm, 'VM/ID') ?? '?';
  if (host === undefined || host === '') {
    throw new VncConsoleError(
      'SUN_ERR_VNC_NO_HOST',
      `VM ${id} has no host in its history, so its console cannot be reached`,
    );
  }
  const port = Number(textAt(vm, 'VM/TEMPLATE/GRAPHICS/PORT'));
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new VncConsoleError('SUN_ERR_VNC_NO_HOST', `VM ${id} has no VNC port (TEMPLATE/GRAPHICS/PORT)`);
  }
  return { host, port, password: textAt(vm, 'VM/TEMPLATE/GRAPHICS/PASSWD') ?? null };
}

/** The state name Sunstone shows: the LCM state while ACTIVE, else the VM state. */
export function stateName(state: string | undefined, lcm: string | undefined): string | null {
  const s = VM_STATES[Number(state)] ?? null;
  return s === 'ACTIVE' ? (LCM_STATES[Number(lcm)] ?? null) : s;
}

/** Address attributes of a NIC (and of a PCI device acting as one), in Sunstone's order. */
const NIC_ADDRESSES = [
  'IP',
  'EXTERNAL_IP',
  'IP6',
  'IP6_GLOBAL',
  'IP6_ULA',
  'VROUTER_IP',
  'VROUTER_IP6_GLOBAL',
  'VROUTER_IP6_ULA',
] as const;

function addressesOf(nic: OneJsonValue, template: OneJsonValue | undefined): string[] {
  if (!isObject(nic)) return [];
  const out: string[] = [];
  for (const attr of NIC_ADDRESSES) {
    const v = nic[attr];
    if (v === undefined) continue;
    out.push(textOf(v) ?? '');
  }
  // Aliases are listed after their NIC, marked with "* ".
  const aliasIds = textAt(nic, 'ALIAS_IDS');
  if (aliasIds === undefined || aliasIds === '') return out;
  const aliases = nodesAt(template, 'NIC_ALIAS');
  for (const aliasId of aliasIds.split(',')) {
    const alias = aliases.find((a) => textAt(a, 'NIC_ID') === aliasId);
    for (const attr of NIC_ADDRESSES) {
      const ip = alias === undefined ? undefined : textAt(alias, attr);
      if (ip !== undefined) out.push(`* ${ip}`);
    }
  }
  return out;
}

/** Base64 as Ruby's Base64.encode64: lines of 60 characters, each ending in a newline. */
export function rubyBase64(text: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 60) out += `${b64.slice(i, i + 60)}\n`;
  return out;
}

/** The `info` of the startvnc answer. */
export function remoteInfo(vm: OneJson): string {
  const template = nodesAt(vm, 'VM/TEMPLATE')[0];
  const nics = [...nodesAt(template, 'NIC'), ...nodesAt(template, 'PCI')];
  const info: Record<string, unknown> = {
    id: textAt(vm, 'VM/ID') ?? null,
    name: textAt(vm, 'VM/NAME') ?? null,
    state: stateName(textAt(vm, 'VM/STATE'), textAt(vm, 'VM/LCM_STATE')),
    start_time: textAt(vm, 'VM/STIME') ?? null,
    networks: nics.flatMap((nic) => addressesOf(nic, template)),
  };
  const service = textAt(vm, 'VM/USER_TEMPLATE/SERVICE_ID');
  if (service !== undefined) info.service_id = service;
  return rubyBase64(JSON.stringify(info));
}
