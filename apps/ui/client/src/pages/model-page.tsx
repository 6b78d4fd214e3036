import { useMemo, useState } from 'react';
import type { ModelInfo } from '@predictiondex/api-client';
import type { ModelVersionsResponse } from '@bff-contract';
import { BffRequestError, getBff } from '../api/bff-client';
import { livePerformance, modelDecisions, modelInfo } from '../api/queries';
import { DecisionList } from '../components/decision-list';
import { LivePerformance } from '../components/live-performance';
import { chartPoints, MetricChart } from '../components/metric-chart';
import { ErrorMessage, Loading } from '../components/status';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

/** Metrics shown first, in this order; any other metric the runs logged follows. */
export const KEY_METRICS = ['test_accuracy', 'test_roc_auc', 'test_log_loss', 'test_brier', 'test_ece', 'test_f1', 'mc_mae', 'mc_clear_accuracy'];

export const plotUrl = (runId: string, file: string) => `/bff/model/runs/${encodeURIComponent(runId)}/evaluation/${file}`;

export default function ModelPage() {
  useTitle('Model');
  const info = useAsync(modelInfo, []);
  const versions = useAsync(() => getBff<ModelVersionsResponse>('/model/versions'), []);
  const performance = useAsync(livePerformance, []);
  const decisions = useAsync(() => modelDecisions(), []);
  return (
    <section aria-labelledby="model-title">
      <h1 id="model-title">Model</h1>
      <p className="lead">The model the api serves, how it was evaluated, how it does on the outcomes users report, what was decided about it, and every registered version.</p>
      <h2>Serving model</h2>
      {info.status === 'loading' && <Loading what="the serving model" />}
      {info.status === 'error' &&
        (info.error instanceof BffRequestError && info.error.status === 503 && !info.error.isOutage ? (
          <p className="error-box" role="alert">
            No model is serving yet: {info.error.message}. A model appears here once the ml-builder has registered one.
          </p>
        ) : (
          <ErrorMessage error={info.error} what="the serving model" onRetry={info.reload} />
        ))}
      {info.status === 'success' && <ServingModel info={info.data} />}
      <h2>Live performance</h2>
      {performance.status === 'loading' && <Loading what="the live performance" />}
      {performance.status === 'error' && <ErrorMessage error={performance.error} what="the live performance" onRetry={performance.reload} />}
      {performance.status === 'success' && <LivePerformance data={performance.data} />}
      <h2>Decisions</h2>
      {decisions.status === 'loading' && <Loading what="the decisions" />}
      {decisions.status === 'error' && <ErrorMessage error={decisions.error} what="the decisions" onRetry={decisions.reload} />}
      {decisions.status === 'success' && <DecisionList data={decisions.data} />}
      <h2>Version history</h2>
      {versions.status === 'loading' && <Loading what="the model versions" />}
      {versions.status === 'error' && <ErrorMessage error={versions.error} what="the model versions" onRetry={versions.reload} />}
      {versions.status === 'success' && <VersionHistory data={versions.data} />}
    </section>
  );
}

export function ServingModel({ info }: { info: ModelInfo }) {
  const metrics = orderMetrics(Object.keys(info.metrics));
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Model</dt>
          <dd>{info.name}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd data-testid="model-version">v{info.version}</dd>
        </div>
        <div>
          <dt>Alias</dt>
          <dd>{info.alias}</dd>
        </div>
        <div>
          <dt>Trained</dt>
          <dd>{formatDate(info.trained_at)}</dd>
        </div>
        <div>
          <dt>Loaded</dt>
          <dd>
            {formatDate(info.loaded_at)} from the {info.loaded_from}
          </dd>
        </div>
        <div>
          <dt>Features</dt>
          <dd>
            {info.feature_count} ({info.feature_version})
          </dd>
        </div>
        <div>
          <dt>Run</dt>
          <dd>
            <code>{info.run_id ?? 'unknown'}</code>
          </dd>
        </div>
      </dl>
      <div className="detail-grid">
        <table className="data">
          <caption>Test metrics of the serving model</caption>
          <tbody>
            {metrics.map((k) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td className="num">{info.metrics[k].toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data">
          <caption>Hyperparameters</caption>
          <tbody>
            {Object.entries(info.params).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td className="num">{typeof v === 'object' ? JSON.stringify(v) : String(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {info.run_id ? (
        <div className="plots">
          <Plot src={plotUrl(info.run_id, 'calibration.svg')} alt={`Calibration plot of model v${info.version}: predicted probability against observed win rate`} title="Calibration" />
          <Plot src={plotUrl(info.run_id, 'confusion-matrix.svg')} alt={`Confusion matrix of model v${info.version} on the test split`} title="Confusion matrix" />
        </div>
      ) : (
        <p className="muted">The serving model has no run in the registry: no evaluation plots.</p>
      )}
    </>
  );
}

/** An evaluation plot as an image (never inlined): a missing plot says so instead of a broken image. */
function Plot({ src, alt, title }: { src: string; alt: string; title: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <figure className="plot card">
      {failed ? <p className="muted">{title}: not available for this run.</p> : <img src={src} alt={alt} onError={() => setFailed(true)} />}
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export function orderMetrics(keys: string[]): string[] {
  const known = KEY_METRICS.filter((k) => keys.includes(k));
  return [...known, ...keys.filter((k) => !known.includes(k)).sort()];
}

export function VersionHistory({ data }: { data: ModelVersionsResponse }) {
  const metricKeys = useMemo(() => orderMetrics([...new Set(data.items.flatMap((v) => Object.keys(v.metrics)))]), [data]);
  const [metric, setMetric] = useState(metricKeys.includes('test_accuracy') ? 'test_accuracy' : (metricKeys[0] ?? ''));
  const points = useMemo(() => chartPoints(data.items, metric), [data, metric]);
  if (data.items.length === 0) return <p>No version of {data.model} is registered yet.</p>;
  const columns = KEY_METRICS.filter((k) => metricKeys.includes(k)).slice(0, 5);
  return (
    <>
      <p className="metric-select">
        <label>
          Metric{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value)}>
            {metricKeys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </p>
      <MetricChart points={points} metric={metric} />
      <div className="table-scroll">
        <table className="data">
          <caption>
            {data.items.length} registered version{data.items.length === 1 ? '' : 's'} of {data.model}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Aliases</th>
              <th scope="col">Registered</th>
              {columns.map((c) => (
                <th key={c} scope="col" className="num">
                  {c}
                </th>
              ))}
              <th scope="col">Dataset</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((v) => (
              <tr key={v.version}>
                <th scope="row">v{v.version}</th>
                <td>{v.aliases.join(', ') || '—'}</td>
                <td>{v.created_at ? formatDate(v.created_at) : '—'}</td>
                {columns.map((c) => (
                  <td key={c} className="num">
                    {Number.isFinite(v.metrics[c]) ? v.metrics[c].toFixed(4) : '—'}
                  </td>
                ))}
                <td>
                  <code>{v.tags['dataset_version'] ?? '—'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}
