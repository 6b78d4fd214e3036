import type { DataQualitySummary, DriftCheckDetails, DriftCheckPage, DriftFeature } from '@predictiondex/api-client';
import { driftChecks, latestDriftCheck, reportHref } from '../api/drift-queries';
import { ErrorMessage, Loading } from '../components/status';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

/** Checks listed under "Recent checks". */
export const RECENT_CHECKS = 20;

export function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

export const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** A p-value or a distance: small ones in scientific notation, so 1e-12 does not read as 0. */
export function formatScore(score: number | null): string {
  if (score === null) return '—';
  if (score !== 0 && Math.abs(score) < 0.001) return score.toExponential(2);
  return score.toFixed(4);
}

export default function DriftPage() {
  useTitle('Data drift');
  const latest = useAsync(latestDriftCheck, []);
  const checks = useAsync(() => driftChecks(RECENT_CHECKS), []);
  const refresh = () => {
    latest.reload();
    checks.reload();
  };
  return (
    <section aria-labelledby="drift-title">
      <h1 id="drift-title">Data drift</h1>
      <p className="lead">
        Do the battles people ask about still look like the battles the model learnt from? Each check compares the features of recent predictions
        with the training sample of the served model, feature by feature; when at least half of them drift, a retrain is requested.
      </p>
      <p>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
      </p>
      <h2>Latest check</h2>
      {latest.status === 'loading' && <Loading what="the latest drift check" />}
      {latest.status === 'error' && <ErrorMessage error={latest.error} what="the latest drift check" onRetry={latest.reload} />}
      {latest.status === 'success' &&
        ('none' in latest.data ? (
          <div className="card empty" data-testid="no-drift-check">
            <p>
              <strong>No drift check yet.</strong> {sentence(latest.data.none)}
            </p>
          </div>
        ) : (
          <LatestCheck check={latest.data} />
        ))}
      <h2>Recent checks</h2>
      {checks.status === 'loading' && <Loading what="the recent drift checks" />}
      {checks.status === 'error' && <ErrorMessage error={checks.error} what="the recent drift checks" onRetry={checks.reload} />}
      {checks.status === 'success' && <RecentChecks page={checks.data} />}
    </section>
  );
}

function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

export function LatestCheck({ check }: { check: DriftCheckDetails }) {
  const drifted = check.features.filter((f) => f.drifted);
  return (
    <>
      <dl className="facts" aria-label="Latest drift check">
        <div>
          <dt>Check</dt>
          <dd>
            #{check.id} <span className={`state state-${check.status}`}>{check.status}</span>
          </dd>
        </div>
        <div>
          <dt>When</dt>
          <dd data-testid="drift-when">{formatWhen(check.created_at)}</dd>
        </div>
        <div>
          <dt>Rows compared</dt>
          <dd data-testid="drift-rows">
            {check.current_rows} logged vs {check.reference_rows} training
          </dd>
        </div>
        <div>
          <dt>Drift share</dt>
          <dd data-testid="drift-share">
            {percent(check.drift_share)} ({check.drifted_features} of {check.feature_count} features)
          </dd>
        </div>
        <div>
          <dt>Dataset drift</dt>
          <dd data-testid="dataset-drift" className={check.dataset_drift ? 'bad-text' : undefined}>
            {check.dataset_drift ? 'Yes: a retrain was requested' : 'No'}
          </dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>
            {check.model_name ?? '—'} {check.model_version ? `v${check.model_version}` : ''}
          </dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd>
            {formatWhen(check.window_start)} to {formatWhen(check.window_end)}
          </dd>
        </div>
      </dl>
      <p>
        <a href={reportHref(check.id)} target="_blank" rel="noopener noreferrer">
          Full report of check #{check.id}
        </a>{' '}
        <span className="muted">(histograms of every feature; opens in a new tab)</span>
      </p>
      <h3>Drifted features</h3>
      {drifted.length === 0 ? <p>No feature drifted.</p> : <FeatureTable features={drifted} caption={`${drifted.length} drifted features of check #${check.id}`} />}
      {check.features.length > drifted.length && (
        <details className="all-features">
          <summary>All {check.features.length} features</summary>
          <FeatureTable features={check.features} caption={`Every feature of check #${check.id}, drifted first`} />
        </details>
      )}
      <h3>Data quality</h3>
      {check.quality ? <Quality quality={check.quality} /> : <p className="muted">No data quality summary for this check.</p>}
    </>
  );
}

function FeatureTable({ features, caption }: { features: DriftFeature[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Test</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              Threshold
            </th>
            <th scope="col" className="num">
              PSI
            </th>
            <th scope="col">Drifted</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f) => (
            <tr key={f.feature}>
              <th scope="row">
                <code>{f.feature}</code>
              </th>
              <td>{f.test_label}</td>
              <td className="num">{formatScore(f.score)}</td>
              <td className="num">
                {f.score_type === 'p_value' ? '<' : '≥'} {f.threshold}
              </td>
              <td className="num">{formatScore(f.psi)}</td>
              <td>{f.drifted ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Quality({ quality }: { quality: DataQualitySummary }) {
  const items: [string, number][] = [
    ['Missing values', quality.missing_cells],
    ['Out of the training range', quality.out_of_range_cells],
    ['Unseen categories', quality.unseen_category_cells],
    ['Malformed rows', quality.malformed_rows],
    ['Features with issues', quality.features_with_issues],
  ];
  return (
    <dl className="facts" aria-label="Data quality of the logged predictions">
      {items.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RecentChecks({ page }: { page: DriftCheckPage }) {
  if (page.items.length === 0) return <p>No check stored yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data">
        <caption className="visually-hidden">
          Latest {page.items.length} of {page.total} drift checks, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">State</th>
            <th scope="col">When</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col" className="num">
              Drift share
            </th>
            <th scope="col">Dataset drift</th>
            <th scope="col">Report</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((c) => (
            <tr key={c.id}>
              <th scope="row">#{c.id}</th>
              <td>
                <span className={`state state-${c.status}`}>{c.status}</span>
              </td>
              <td>{formatWhen(c.created_at)}</td>
              <td className="num">{c.current_rows}</td>
              <td className="num">{percent(c.drift_share)}</td>
              <td>{c.dataset_drift === null ? '—' : c.dataset_drift ? 'yes' : 'no'}</td>
              <td>
                {c.report_url ? (
                  <a href={reportHref(c.id)} target="_blank" rel="noopener noreferrer">
                    Report #{c.id}
                  </a>
                ) : (
                  <span className="muted">{c.message ?? 'no report'}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
