// Shown while OpenNebula (or the server) cannot be reached: the list keeps the data it had, says how
// old it is, and offers to retry now (ui.md: nothing fails silently; 503 keeps data).

export interface OfflineBannerProps {
  readonly message: string;
  readonly since: Date | null;
  readonly onRetry: () => void;
}

export function OfflineBanner(props: OfflineBannerProps) {
  return (
    <div class="banner banner--warn" role="status">
      <p>
        <strong>{props.message}</strong>{' '}
        {props.since
          ? `Showing the list as it was at ${props.since.toLocaleTimeString()}; retrying automatically.`
          : 'Retrying automatically.'}
      </p>
      <button type="button" class="btn" onClick={props.onRetry}>
        Retry now
      </button>
    </div>
  );
}
