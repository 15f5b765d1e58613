// VDC documents: ID, NAME, GROUPS, CLUSTERS, HOSTS, DATASTORES, VNETS, TEMPLATE.
import type { VdcRec } from '../records.js';
import { el, ids } from './text.js';

export function vdcXml(v: VdcRec): string {
  let clusters = '<CLUSTERS>';
  for (const [zone, cluster] of v.clusters)
    clusters += `<CLUSTER><ZONE_ID>${zone}</ZONE_ID><CLUSTER_ID>${cluster}</CLUSTER_ID></CLUSTER>`;
  clusters += '</CLUSTERS>';
  return (
    `<VDC><ID>${v.id}</ID>${el('NAME', v.name)}${ids('GROUPS', v.groups)}${clusters}` +
    `<HOSTS></HOSTS><DATASTORES></DATASTORES><VNETS></VNETS>${v.template.xml('TEMPLATE')}</VDC>`
  );
}
