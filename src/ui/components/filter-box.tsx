// The list's text filter. "/" anywhere outside a text field focuses it (ui.md); Escape clears it.
import { useEffect, useRef } from 'preact/hooks';

export interface FilterBoxProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly label: string;
  readonly placeholder: string;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function FilterBox(props: FilterBoxProps) {
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      ref.current?.focus();
      ref.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="filter">
      <label class="sr-only" for="vm-filter">
        {props.label}
      </label>
      <input
        ref={ref}
        id="vm-filter"
        type="search"
        class="filter__input"
        placeholder={props.placeholder}
        value={props.value}
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => props.onChange(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.value !== '') {
            e.preventDefault();
            props.onChange('');
          }
        }}
      />
      <kbd class="filter__hint" aria-hidden="true">
        /
      </kbd>
    </div>
  );
}
