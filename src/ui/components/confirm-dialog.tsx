// Asks before a danger action (terminate, hard power off ...). A modal <dialog>: focus stays inside,
// Escape cancels, and the safe choice (Cancel) has the focus first.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ComponentChildren;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => dialog.close();
  }, []);

  const onCancelEvent = (e: Event) => {
    e.preventDefault();
    props.onCancel();
  };

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={onCancelEvent}
    >
      <h2 id="confirm-title" class="dialog__title">
        {props.title}
      </h2>
      <div id="confirm-body" class="dialog__body">
        {props.children}
      </div>
      <div class="dialog__buttons">
        <button ref={cancelRef} type="button" class="btn" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" class="btn btn--danger" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
