// The list of notices (toasts) the NoticeArea shows. Bounded: the newest few are kept; successes
// fade after a while, errors stay until dismissed (nothing fails silently, ui.md).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type NoticeTone = 'info' | 'success' | 'error';

export interface Notice {
  readonly id: number;
  readonly tone: NoticeTone;
  readonly text: string;
  /** Extra lines, e.g. oned's message for each VM a bulk action failed on. */
  readonly details?: readonly string[];
}

export interface Notices {
  readonly items: readonly Notice[];
  notify(tone: NoticeTone, text: string, details?: readonly string[]): void;
  dismiss(id: number): void;
}

const MAX_NOTICES = 5;
const FADE_MS = 6000;

export function useNotices(): Notices {
  const [items, setItems] = useState<readonly Notice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    const timer = timers.current.get(id);
    if (timer !== undefined) clearTimeout(timer);
    timers.current.delete(id);
    setItems((list) => list.filter((n) => n.id !== id));
  }, []);

  const notify = useCallback(
    (tone: NoticeTone, text: string, details?: readonly string[]) => {
      const id = nextId.current++;
      setItems((list) => [...list, { id, tone, text, ...(details ? { details } : {}) }].slice(-MAX_NOTICES));
      if (tone !== 'error')
        timers.current.set(
          id,
          setTimeout(() => dismiss(id), FADE_MS),
        );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return { items, notify, dismiss };
}
