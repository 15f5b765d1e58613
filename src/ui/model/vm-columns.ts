// The VM list's columns, in order: the header and every row read this one table.
import type { SortKey } from './vm-order.js';

export interface VmColumn {
  readonly key: SortKey;
  readonly label: string;
  /** CSS class of the column's cells (widths, hiding at narrow widths, card areas). */
  readonly cls: string;
  /** Right-aligned numbers with units. */
  readonly numeric?: boolean;
}

export const VM_COLUMNS: readonly VmColumn[] = [
  { key: 'id', label: 'ID', cls: 'c-id', numeric: true },
  { key: 'name', label: 'Name', cls: 'c-name' },
  { key: 'owner', label: 'Owner', cls: 'c-owner' },
  { key: 'group', label: 'Group', cls: 'c-group' },
  { key: 'state', label: 'State', cls: 'c-state' },
  { key: 'host', label: 'Host', cls: 'c-host' },
  { key: 'ips', label: 'IPs', cls: 'c-ips' },
  { key: 'cpu', label: 'CPU', cls: 'c-cpu', numeric: true },
  { key: 'memory', label: 'Memory', cls: 'c-mem', numeric: true },
];
