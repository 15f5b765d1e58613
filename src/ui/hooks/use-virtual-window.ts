// Tracks a scroll container and says which rows of a fixed-height list to render (see
// model/virtual-window.ts). Re-renders only when the window changes, not on every scroll event.
import type { RefObject } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { computeWindow, scrollToRow, type RowWindow } from '../model/virtual-window.js';

export interface VirtualWindow extends RowWindow {
  /** Scrolls just enough for row `index` to be fully visible below the sticky header. */
  reveal(index: number): void;
}

const OVERSCAN = 8;

export function useVirtualWindow(
  scrollRef: RefObject<HTMLElement>,
  bodyRef: RefObject<HTMLElement>,
  count: number,
  rowHeight: number,
): VirtualWindow {
  const [win, setWin] = useState<RowWindow>({ start: 0, end: Math.min(count, 40) });

  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (el === null) return;
    const next = computeWindow({
      scrollTop: el.scrollTop,
      viewport: el.clientHeight,
      offset: bodyRef.current?.offsetTop ?? 0,
      rowHeight,
      count,
      overscan: OVERSCAN,
    });
    setWin((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
  }, [scrollRef, bodyRef, count, rowHeight]);

  useLayoutEffect(measure, [measure]);

  useEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    el.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [scrollRef, measure]);

  const reveal = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (el === null) return;
      const offset = bodyRef.current?.offsetTop ?? 0;
      const top = scrollToRow(index, el.scrollTop, el.clientHeight, offset, rowHeight);
      if (top !== null) {
        el.scrollTop = top;
        measure();
      }
    },
    [scrollRef, bodyRef, rowHeight, measure],
  );

  return { ...win, reveal };
}
