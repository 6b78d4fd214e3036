import { BffRequestError } from '../api/bff-client';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** An error with what to do about it; an outage of the api says so plainly. */
export function ErrorMessage({ error, what, onRetry }: { error: Error; what: string; onRetry?: () => void }) {
  const outage = error instanceof BffRequestError && error.isOutage;
  return (
    <div className={`error-box${outage ? ' outage' : ''}`} role="alert">
      <p>
        <strong>{outage ? 'Service unavailable.' : `Could not load ${what}.`}</strong> {capitalise(error.message)}.
      </p>
      {outage && <p>The page will work again as soon as the service is back.</p>}
      {error instanceof BffRequestError && (error.details ?? []).length > 0 && (
        <ul>
          {(error.details ?? []).map((d) => (
            <li key={d.field}>
              {d.field}: {d.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

function capitalise(s: string): string {
  const t = s.replace(/\.$/, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}
