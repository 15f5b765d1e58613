// A VM state as a coloured dot plus the word (never colour alone, ui.md). data-state carries oned's
// own name, which is also the tooltip, so messages like "... for state POWEROFF" match what is shown.
import { stateLabel, stateTone } from '../model/state-tone.js';

export function StateBadge({ state }: { state: string }) {
  return (
    <span class={`state state--${stateTone(state)}`} data-state={state} title={state}>
      <span class="state__dot" aria-hidden="true" />
      {stateLabel(state)}
    </span>
  );
}
