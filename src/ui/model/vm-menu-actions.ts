// The VM action menu, derived from the resource catalogue (design.md: one catalogue; the UI does not
// list actions again). An action appears when the catalogue gives it a UI label and every parameter
// has a default; an action with a boolean `hard` parameter also gets a "(hard)" entry.
import { kindByUrl, type ActionSpec } from '../../one/catalogue.js';

export interface MenuAction {
  /** Unique within the menu: the perform name, plus "-hard" for the hard variant. */
  readonly id: string;
  readonly perform: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly label: string;
  /** Destroys something or cuts power abruptly: asks for confirmation first. */
  readonly danger: boolean;
}

function usable(action: ActionSpec): boolean {
  return action.ui !== undefined && action.params.every((p) => p.default !== undefined);
}

function defaults(action: ActionSpec): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const p of action.params) if (p.default !== undefined) out[p.name] = p.default;
  return out;
}

export function menuActionsFor(url: string): MenuAction[] {
  const kind = kindByUrl(url);
  if (kind === undefined) return [];
  const safe: MenuAction[] = [];
  const danger: MenuAction[] = [];
  for (const action of kind.actions.filter(usable)) {
    const label = action.ui?.label ?? action.name;
    const params = defaults(action);
    const isDanger = action.ui?.danger === true;
    (isDanger ? danger : safe).push({
      id: action.name,
      perform: action.name,
      params,
      label,
      danger: isDanger,
    });
    if (action.params.some((p) => p.name === 'hard' && p.type === 'boolean')) {
      // Hard variants skip the guest's shutdown (oned-xmlrpc.md §2.4): always confirmed.
      danger.push({
        id: `${action.name}-hard`,
        perform: action.name,
        params: { ...params, hard: true },
        label: `${label} (hard)`,
        danger: true,
      });
    }
  }
  // Safe actions first, so a slip of the finger at the top of the menu does no harm.
  return [...safe, ...danger];
}
