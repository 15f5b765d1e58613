// Sorting when the table's header is hidden (cards at phone width): one select of column + direction.
import { VM_COLUMNS } from '../model/vm-columns.js';
import { isSortKey, type VmSort } from '../model/vm-order.js';

export interface SortSelectProps {
  readonly sort: VmSort;
  readonly onChange: (sort: VmSort) => void;
}

export function SortSelect({ sort, onChange }: SortSelectProps) {
  return (
    <label class="sort-select">
      <span class="sr-only">Sort by</span>
      <select
        class="select"
        value={`${sort.key}:${sort.dir}`}
        onChange={(e) => {
          const [key, dir] = e.currentTarget.value.split(':');
          if (key !== undefined && isSortKey(key)) onChange({ key, dir: dir === 'desc' ? 'desc' : 'asc' });
        }}
      >
        {VM_COLUMNS.flatMap((c) => [
          <option key={`${c.key}:asc`} value={`${c.key}:asc`}>{`${c.label} ↑`}</option>,
          <option key={`${c.key}:desc`} value={`${c.key}:desc`}>{`${c.label} ↓`}</option>,
        ])}
      </select>
    </label>
  );
}
