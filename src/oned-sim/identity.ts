// Who a call runs as once authenticated: the user, its effective group and group set (narrowed to
// one group by an EGID-scoped token), and whether it is an administrator (uid 0 or any member of
// group 0, reference oned-xmlrpc.md §4.13).
import type { SimState } from './state.js';
import type { UserRec } from './records.js';

export interface Identity {
  readonly uid: number;
  readonly gid: number;
  readonly groups: ReadonlySet<number>;
  readonly uname: string;
  readonly gname: string;
  readonly admin: boolean;
  /** Authenticated with a group-scoped (EGID) token. */
  readonly scoped: boolean;
}

export function identityOf(state: SimState, user: UserRec, egid = -1): Identity {
  const groups = egid >= 0 ? new Set([egid]) : new Set(user.groups);
  const gid = egid >= 0 ? egid : user.gid;
  return {
    uid: user.id,
    gid,
    groups,
    uname: user.name,
    gname: state.groupName(gid),
    admin: user.id === 0 || groups.has(0),
    scoped: egid >= 0,
  };
}
