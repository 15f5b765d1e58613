// What POST /vm/:id/guac/:type hands to FireEdge (reference sunstone-server.md §3.8): the Guacamole
// connection for a VM, `{"connection":{"type","settings"}}`, encrypted as FireEdge's guacamole-lite
// expects: AES-256-CBC with a random IV and FireEdge's key (VAR/.one/fireedge_key), the token being
// base64 of `{"iv":<base64>,"value":<base64>}`. Settings: VNC goes to the hypervisor's VNC server
// (as startvnc); RDP and SSH go to the first NIC (or alias) marked RDP="YES" / SSH="YES", port
// 3389 / 22, with the credentials of the VM's context (USERNAME, PASSWORD).
import { createCipheriv, randomBytes } from 'node:crypto';
import type { OneJson, OneJsonValue } from '../one/types.js';
import { RemoteConsoleError } from './errors.js';
import { nodesAt, textAt } from './one-json.js';
import { CONSOLE_LCM_STATES, consoleTarget } from './vnc-console.js';

export const GUAC_TYPES = ['vnc', 'rdp', 'ssh'] as const;
export type GuacType = (typeof GUAC_TYPES)[number];

export interface GuacConnection {
  readonly connection: { readonly type: GuacType; readonly settings: Readonly<Record<string, string>> };
}

/** The type in the URL, or Sunstone's 400. */
export function guacType(raw: string): GuacType {
  const t = raw.toLowerCase();
  if ((GUAC_TYPES as readonly string[]).includes(t)) return t as GuacType;
  throw new RemoteConsoleError(
    'SUN_ERR_ROUTE_CONSOLE_TYPE',
    `Wrong type of connection (${raw}); expected one of ${GUAC_TYPES.join(', ')}`,
  );
}

/** Refuses a VM whose hypervisor does not run it now (the same states as the VNC console). */
export function checkConsoleState(vm: OneJson, session: string): void {
  const lcm = textAt(vm, 'VM/LCM_STATE') ?? '';
  if (lcm === '' || !CONSOLE_LCM_STATES.has(Number(lcm))) {
    throw new RemoteConsoleError(
      'SUN_ERR_ROUTE_CONSOLE_STATE',
      `Wrong state (${lcm}) to open a ${session} session`,
    );
  }
}

const FLAG: Readonly<Record<'rdp' | 'ssh', string>> = { rdp: 'RDP', ssh: 'SSH' };
const PORT: Readonly<Record<'rdp' | 'ssh', string>> = { rdp: '3389', ssh: '22' };

/** The first NIC or NIC alias with RDP="YES" (or SSH="YES"). */
function markedNic(vm: OneJson, type: 'rdp' | 'ssh'): OneJsonValue | undefined {
  const nics = [...nodesAt(vm, 'VM/TEMPLATE/NIC'), ...nodesAt(vm, 'VM/TEMPLATE/NIC_ALIAS')];
  return nics.find((nic) => textAt(nic, FLAG[type])?.toUpperCase() === 'YES');
}

/** Drops empty values: guacd takes a missing parameter as "ask" or "default". */
function compact(settings: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** The connection for a console of `type` on `vm` (`{"VM":{...}}`), or a 400 saying what is missing. */
export function guacConnection(vm: OneJson, type: GuacType): GuacConnection {
  checkConsoleState(vm, 'Guacamole');
  if (type === 'vnc') {
    if (textAt(vm, 'VM/TEMPLATE/GRAPHICS/TYPE')?.toLowerCase() !== 'vnc') {
      throw new RemoteConsoleError('SUN_ERR_ROUTE_CONSOLE_SETTINGS', 'VM has no VNC configured');
    }
    const target = consoleTarget(vm);
    const settings = compact({
      hostname: target.host,
      port: String(target.port),
      password: target.password ?? undefined,
    });
    return { connection: { type, settings } };
  }
  const nic = markedNic(vm, type);
  const ip =
    nic === undefined ? undefined : (textAt(nic, 'EXTERNAL_IP') ?? textAt(nic, 'IP') ?? textAt(nic, 'IP6'));
  if (ip === undefined || ip === '') {
    throw new RemoteConsoleError(
      'SUN_ERR_ROUTE_CONSOLE_SETTINGS',
      `Wrong configuration. Cannot find a NIC with ${FLAG[type]}="YES" and an IP address`,
    );
  }
  const settings = compact({
    hostname: ip,
    port: PORT[type],
    username: textAt(vm, 'VM/TEMPLATE/CONTEXT/USERNAME'),
    password: textAt(vm, 'VM/TEMPLATE/CONTEXT/PASSWORD'),
    ...(type === 'rdp' ? { security: 'any', 'ignore-cert': 'true', 'resize-method': 'display-update' } : {}),
  });
  return { connection: { type, settings } };
}

/** guacamole-lite's token: base64 of {"iv","value"}, value = AES-256-CBC(JSON of `data`). */
export function encryptGuacToken(
  data: GuacConnection,
  key: Buffer,
  random: (n: number) => Buffer = randomBytes,
): string {
  const iv = random(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const value = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  const token = { iv: iv.toString('base64'), value: value.toString('base64') };
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64');
}
