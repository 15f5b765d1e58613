// VDC documents (vdc.xsd): ID, NAME, GROUPS, CLUSTERS, HOSTS, DATASTORES, VNETS, TEMPLATE; each
// resource as a (ZONE_ID, <X>_ID) pair.
import type { VdcRec } from '../records.js';
import { el, ids } from './text.js';

function pairs(
  tag: string,
  item: string,
  idTag: string,
  list: ReadonlyArray<readonly [number, number]>,
): string {
  let s = `<${tag}>`;
  for (const [zone, id] of list)
    s += `<${item}><ZONE_ID>${zone}</ZONE_ID><${idTag}>${id}</${idTag}></${item}>`;
  return `${s}</${tag}>`;
}

export function vdcXml(v: VdcRec): string {
  return (
    `<VDC><ID>${v.id}</ID>${el('NAME', v.name)}${ids('GROUPS', v.groups)}` +
    pairs('CLUSTERS', 'CLUSTER', 'CLUSTER_ID', v.clusters) +
    pairs('HOSTS', 'HOST', 'HOST_ID', v.hosts) +
    pairs('DATASTORES', 'DATASTORE', 'DATASTORE_ID', v.datastores) +
    pairs('VNETS', 'VNET', 'VNET_ID', v.vnets) +
    `${v.template.xml('TEMPLATE')}</VDC>`
  );
}
