// The confirmation for a danger action on one or more VMs: names them and says what will be lost.
import type { PendingAction } from '../hooks/use-vm-actions.js';
import { vmName } from '../hooks/use-vm-actions.js';
import { formatCount } from '../model/units.js';
import { ConfirmDialog } from './confirm-dialog.js';

const LISTED = 8;

export interface VmActionConfirmProps {
  readonly pending: PendingAction;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function VmActionConfirm({ pending, onConfirm, onCancel }: VmActionConfirmProps) {
  const { action, targets } = pending;
  const [only] = targets;
  const title =
    targets.length === 1 && only
      ? `${action.label} VM ${vmName(only)}?`
      : `${action.label} ${formatCount(targets.length)} VMs?`;
  return (
    <ConfirmDialog title={title} confirmLabel={action.label} onConfirm={onConfirm} onCancel={onCancel}>
      {targets.length > 1 && (
        <ul class="dialog__list">
          {targets.slice(0, LISTED).map((vm) => (
            <li key={vm.id}>{vmName(vm)}</li>
          ))}
          {targets.length > LISTED && <li>and {formatCount(targets.length - LISTED)} more</li>}
        </ul>
      )}
      <p>
        {action.perform !== 'terminate'
          ? 'The guest operating system is not asked to shut down first.'
          : targets.length === 1
            ? 'The VM is destroyed; its non-persistent disks are lost.'
            : 'The VMs are destroyed; their non-persistent disks are lost.'}
      </p>
    </ConfirmDialog>
  );
}
