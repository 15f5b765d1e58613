// Where the app says what it did: successes politely (status), failures assertively (alert). Both
// live regions exist from the start, so screen readers announce what is added to them.
import type { Notice } from '../hooks/use-notices.js';

export interface NoticeAreaProps {
  readonly items: readonly Notice[];
  readonly onDismiss: (id: number) => void;
}

function NoticeCard({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  return (
    <div class={`notice notice--${notice.tone}`}>
      <div class="notice__text">
        <p>{notice.text}</p>
        {notice.details && notice.details.length > 0 && (
          <ul class="notice__details">
            {notice.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" class="notice__close" aria-label="Dismiss" onClick={() => onDismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}

export function NoticeArea({ items, onDismiss }: NoticeAreaProps) {
  const errors = items.filter((n) => n.tone === 'error');
  const others = items.filter((n) => n.tone !== 'error');
  return (
    <div class="notices">
      <div role="status" aria-live="polite" class="notices__group">
        {others.map((n) => (
          <NoticeCard key={n.id} notice={n} onDismiss={onDismiss} />
        ))}
      </div>
      <div role="alert" aria-live="assertive" class="notices__group">
        {errors.map((n) => (
          <NoticeCard key={n.id} notice={n} onDismiss={onDismiss} />
        ))}
      </div>
    </div>
  );
}
