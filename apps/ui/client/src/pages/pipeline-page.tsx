import { useEffect } from 'react';
import type { AboutResponse, BuildJobsResponse, BuildJobSummary, EtlRunsResponse } from '@bff-contract';
import { getBff } from '../api/bff-client';
import { Bar } from '../components/bar';
import { ErrorMessage, Loading } from '../components/status';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';
import { formatDate } from './model-page';

/** While something runs, the page refreshes itself this often. */
export const REFRESH_MS = 5000;

export default function PipelinePage() {
  useTitle('Pipeline');
  const etl = useAsync(() => getBff<EtlRunsResponse>('/pipeline/etl-runs'), []);
  const jobs = useAsync(() => getBff<BuildJobsResponse>('/pipeline/build-jobs'), []);
  const about = useAsync(() => getBff<AboutResponse>('/about'), []);
  const running = etl.data?.items.some((r) => r.status === 'running') || jobs.data?.items.some((j) => j.state === 'active' || j.state === 'waiting');
  const { reload: reloadEtl } = etl;
  const { reload: reloadJobs } = jobs;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') {
        reloadEtl();
        reloadJobs();
      }
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, [running, reloadEtl, reloadJobs]);
  return (
    <section aria-labelledby="pipeline-title">
      <h1 id="pipeline-title">Pipeline</h1>
      <p className="lead">The latest ETL runs and model builds{running ? ' (refreshing while something runs)' : ''}.</p>
      <Links about={about} />
      <h2>ETL runs</h2>
      {etl.status === 'loading' && <Loading what="the ETL runs" />}
      {etl.status === 'error' && <ErrorMessage error={etl.error} what="the ETL runs" onRetry={etl.reload} />}
      {etl.status === 'success' && <EtlRuns data={etl.data} />}
      <h2>Model builds (queue ml-build)</h2>
      {jobs.status === 'loading' && <Loading what="the build jobs" />}
      {jobs.status === 'error' && <ErrorMessage error={jobs.error} what="the build jobs" onRetry={jobs.reload} />}
      {jobs.status === 'success' && <BuildJobs data={jobs.data} />}
    </section>
  );
}

function Links({ about }: { about: ReturnType<typeof useAsync<AboutResponse>> }) {
  if (about.status !== 'success') return null;
  const l = about.data.links;
  return (
    <nav aria-label="Operations tools" className="tool-links">
      <ul>
        <li>
          <a href={l.queue_dashboard} target="_blank" rel="noreferrer noopener">
            Queue dashboard
          </a>
        </li>
        <li>
          {l.grafana ? (
            <a href={l.grafana} target="_blank" rel="noreferrer noopener">
              Grafana
            </a>
          ) : (
            <span className="muted">Grafana (not configured: set GRAFANA_URL)</span>
          )}
        </li>
        <li>
          <a href={l.api_docs} target="_blank" rel="noreferrer noopener">
            API docs (OpenAPI)
          </a>
        </li>
      </ul>
    </nav>
  );
}

export function EtlRuns({ data }: { data: EtlRunsResponse }) {
  if (data.items.length === 0) return <p>No ETL run yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data">
        <caption className="visually-hidden">Latest ETL runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">State</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Changes
            </th>
            <th scope="col" className="num">
              Pokémon / moves
            </th>
            <th scope="col">Sources</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((r) => (
            <tr key={r.id}>
              <th scope="row">#{r.id}</th>
              <td>
                <span className={`state state-${r.status}`}>{r.status}</span>
                {r.forced ? ' (forced)' : ''}
              </td>
              <td>{formatDate(r.started_at)}</td>
              <td className="num">{r.duration_ms === null ? '—' : `${(r.duration_ms / 1000).toFixed(1)} s`}</td>
              <td className="num">{Object.values(r.changes).reduce((s, n) => s + n, 0) - (r.changes['total'] ?? 0)}</td>
              <td className="num">
                {r.row_counts['pokemon'] ?? '—'} / {r.row_counts['move'] ?? '—'}
              </td>
              <td>{Object.keys(r.source_versions).join(', ') || '—'}</td>
              <td>
                {r.error ?? ''}
                {r.rejected_rows ? ` ${r.rejected_rows} rejected rows.` : ''}
                {r.warnings.length ? ` ${r.warnings.length} warnings.` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function jobOutcome(j: BuildJobSummary): string {
  if (j.state === 'failed') return j.failed_reason ?? 'failed';
  if (j.result?.model_version) return `model v${j.result.model_version}${j.result.alias ? ` (${j.result.alias})` : ''}`;
  if (j.result?.status) return j.result.status;
  return '';
}

export function BuildJobs({ data }: { data: BuildJobsResponse }) {
  const counts = Object.entries(data.counts).filter(([, n]) => n);
  return (
    <>
      <p className="muted">{counts.length ? counts.map(([s, n]) => `${n} ${s}`).join(' · ') : 'The queue is empty.'}</p>
      {data.items.length > 0 && (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Latest jobs of the {data.queue} queue, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">State</th>
                <th scope="col">Progress</th>
                <th scope="col">Reason</th>
                <th scope="col">Created</th>
                <th scope="col">Finished</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((j) => (
                <tr key={j.id}>
                  <th scope="row">
                    {j.name} <code>{j.id}</code>
                  </th>
                  <td>
                    <span className={`state state-${j.state}`}>{j.state}</span>
                    {j.attempts > 1 ? ` (${j.attempts} attempts)` : ''}
                  </td>
                  <td className="prob">
                    {j.percent === null ? '—' : <Bar value={j.percent} max={100} label="Progress" text={`${j.percent}%${j.stage ? ` ${j.stage}` : ''}`} tone="good" />}
                  </td>
                  <td>
                    {j.reason ?? '—'}
                    {j.etl_run_id ? ` (ETL #${j.etl_run_id})` : ''}
                  </td>
                  <td>{j.created_at ? formatDate(j.created_at) : '—'}</td>
                  <td>{j.finished_at ? formatDate(j.finished_at) : '—'}</td>
                  <td>{jobOutcome(j)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
