/**
 * A horizontal bar for a value in [0, max], with its value as text beside it (the bar itself is
 * decoration; screen readers read the text). The width is a style property set through the CSSOM,
 * which the CSP allows (no inline style sheet).
 */
export function Bar({ value, max, label, tone, text }: { value: number; max: number; label: string; tone?: string; text?: string }) {
  const share = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  return (
    <span className="bar" title={`${label}: ${text ?? value}`}>
      <span className="bar-track" aria-hidden="true">
        <span className={`bar-fill ${tone ?? ''}`} style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </span>
      <span className="bar-text">{text ?? value}</span>
    </span>
  );
}

/** Win probability of A as a bar and a percentage; green above 50 %, red below. */
export function ProbabilityBar({ p, label }: { p: number; label: string }) {
  return <Bar value={p} max={1} label={label} tone={p >= 0.5 ? 'good' : 'bad'} text={`${(p * 100).toFixed(1)}%`} />;
}
