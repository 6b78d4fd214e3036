import type { PerformanceResponse, VersionPerformance } from '@predictiondex/api-client';
import { PERFORMANCE_REPORT_URL } from '../api/queries';

const fixed = (x: number | null, digits = 4) => (x === null ? '—' : x.toFixed(digits));
const share = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The rolling accuracy of the latest window, with how many outcomes it covers. */
export function latestRolling(v: VersionPerformance): string {
  const last = v.rolling_accuracy.at(-1);
  return last ? `${share(last.accuracy)} (last ${last.samples})` : '—';
}

/**
 * Each version of the model on the outcomes users reported (its latest `window` of them), with a
 * link to the full report (calibration, confusion matrix, rolling accuracy over time), which the BFF
 * relays as a page of its own.
 */
export function LivePerformance({ data }: { data: PerformanceResponse }) {
  return (
    <>
      {data.versions.length === 0 ? (
        <p>
          No outcome has been reported yet: after a prediction on the Battle page, say who really won and it counts here (and towards retraining).
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption>
              Performance on reported outcomes: the latest {data.window} per version{data.serving_version ? `, v${data.serving_version} serving` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col" className="num">
                  Outcomes
                </th>
                <th scope="col" className="num">
                  Accuracy
                </th>
                <th scope="col" className="num">
                  Log loss
                </th>
                <th scope="col" className="num">
                  Brier
                </th>
                <th scope="col" className="num">
                  Rolling accuracy
                </th>
                <th scope="col">Last outcome</th>
              </tr>
            </thead>
            <tbody>
              {data.versions.map((v) => (
                <tr key={v.version} className={v.serving ? 'serving' : undefined}>
                  <th scope="row">
                    v{v.version}
                    {v.serving && <span className="muted"> (serving)</span>}
                  </th>
                  <td className="num">{v.samples}</td>
                  <td className="num">{share(v.accuracy)}</td>
                  <td className="num">{fixed(v.log_loss)}</td>
                  <td className="num">{fixed(v.brier)}</td>
                  <td className="num">{latestRolling(v)}</td>
                  <td>{v.last_feedback_at ? v.last_feedback_at.replace('T', ' ').slice(0, 19) + ' UTC' : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={PERFORMANCE_REPORT_URL} target="_blank" rel="noopener noreferrer">
          Open the performance report
        </a>{' '}
        <span className="muted">(HTML: calibration plot, confusion matrix and rolling accuracy over time for each version)</span>
      </p>
    </>
  );
}
