// ZONE documents (reference oned-xmlrpc.md §4.11): ID, NAME, STATE, TEMPLATE(ENDPOINT), SERVER_POOL.
import type { ZoneRec } from '../records.js';
import { el } from './text.js';

export function zoneXml(z: ZoneRec): string {
  return `<ZONE><ID>${z.id}</ID>${el('NAME', z.name)}<STATE>${z.state}</STATE>${z.template.xml('TEMPLATE')}<SERVER_POOL/></ZONE>`;
}
