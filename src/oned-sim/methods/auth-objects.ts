// What authorization sees of the objects that carry no owner or permissions in their documents
// (reference oned-xmlrpc.md §4.13): users own themselves (um- --- ---); groups belong to oneadmin
// with GROUP_U set and gid = the group itself, so members can read them; hosts and clusters belong
// to oneadmin, um- --- ---, and are reached through ACL rules.
import type { AuthObject } from '../authz.js';
import type { HostRec, UserRec } from '../records.js';

export function userAuth(u: UserRec): AuthObject {
  return { id: u.id, uid: u.id, gid: u.gid, perms: 0o600 };
}

export function groupAuth(gid: number): AuthObject {
  return { id: gid, uid: 0, gid, perms: 0o640 };
}

export function hostAuth(h: HostRec): AuthObject {
  return { id: h.id, uid: 0, gid: 0, perms: 0o600, clusters: [h.clusterId] };
}

export function clusterAuth(id: number): AuthObject {
  return { id, uid: 0, gid: 0, perms: 0o600, clusters: [id] };
}

/** Zones and VDCs: oneadmin's, um- --- ---, visible through ACL rules (`* ZONE/* USE *`). */
export function systemAuth(id: number): AuthObject {
  return { id, uid: 0, gid: 0, perms: 0o600 };
}
