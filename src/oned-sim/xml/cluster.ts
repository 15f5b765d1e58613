// CLUSTER documents (reference oned-xmlrpc.md §4.10): ID, NAME, HOSTS, DATASTORES, VNETS, TEMPLATE.
import type { ClusterRec } from '../records.js';
import type { SimState } from '../state.js';
import { el, ids } from './text.js';

export function clusterXml(state: SimState, c: ClusterRec): string {
  const hosts = state.hosts.list().filter((h) => h.clusterId === c.id);
  const dss = state.datastores.list().filter((d) => d.clusters.includes(c.id));
  const vnets = state.vnets.list().filter((n) => n.clusters.includes(c.id));
  return (
    `<CLUSTER><ID>${c.id}</ID>${el('NAME', c.name)}` +
    ids(
      'HOSTS',
      hosts.map((h) => h.id),
    ) +
    ids(
      'DATASTORES',
      dss.map((d) => d.id),
    ) +
    ids(
      'VNETS',
      vnets.map((n) => n.id),
    ) +
    `${c.template.xml('TEMPLATE')}</CLUSTER>`
  );
}
