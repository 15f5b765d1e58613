// Which rows of a long fixed-height list to render for the current scroll position: only those in
// view plus a margin, so 20,000 VMs cost the same as 40 (ui.md: virtual scrolling).

export interface WindowInput {
  /** The scroll container's scrollTop and visible height. */
  readonly scrollTop: number;
  readonly viewport: number;
  /** Distance from the top of the scrolled content to the first row (a sticky header above rows). */
  readonly offset: number;
  readonly rowHeight: number;
  readonly count: number;
  readonly overscan: number;
}

export interface RowWindow {
  /** First rendered row (inclusive) and last (exclusive). */
  readonly start: number;
  readonly end: number;
}

export function computeWindow(input: WindowInput): RowWindow {
  const { scrollTop, viewport, offset, rowHeight, count, overscan } = input;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop - offset);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(viewport, rowHeight)) / rowHeight);
  return {
    start: Math.max(0, Math.min(count, first - overscan)),
    end: Math.max(0, Math.min(count, last + overscan)),
  };
}

/**
 * The scrollTop that brings row `index` fully into view below a sticky header of height `offset`,
 * or null when it already is.
 */
export function scrollToRow(
  index: number,
  scrollTop: number,
  viewport: number,
  offset: number,
  rowHeight: number,
): number | null {
  const top = offset + index * rowHeight;
  if (top - offset < scrollTop) return top - offset;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return null;
}
