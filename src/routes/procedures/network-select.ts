// Templates and virtual routers may say SUNSTONE/NETWORK_SELECT = "NO": the user may not pick
// networks, so Sunstone drops the NIC attributes of an instantiate request (TemplateJSON,
// VirtualRouterJSON#instantiate).
import type { OneJson, OneJsonValue } from '../../one/types.js';

function child(v: OneJsonValue | undefined, key: string): OneJsonValue | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v[key] : undefined;
}

/** True when the object's TEMPLATE/SUNSTONE/NETWORK_SELECT is "NO" (any case). */
export function networkSelectDisabled(object: OneJson, element: string): boolean {
  const v = child(child(child(object[element], 'TEMPLATE'), 'SUNSTONE'), 'NETWORK_SELECT');
  return typeof v === 'string' && v.toUpperCase() === 'NO';
}
