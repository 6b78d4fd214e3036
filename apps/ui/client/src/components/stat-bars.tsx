import type { Stats } from '@predictiondex/api-client';
import { Bar } from './bar';

export const STAT_LABELS: [keyof Omit<Stats, 'total'>, string][] = [
  ['hp', 'HP'],
  ['attack', 'Attack'],
  ['defense', 'Defense'],
  ['sp_attack', 'Sp. Atk'],
  ['sp_defense', 'Sp. Def'],
  ['speed', 'Speed'],
];

/** Highest base stat in the games (Blissey's HP); bars are on this scale. */
export const MAX_BASE_STAT = 255;

export function statTone(v: number): string {
  return v >= 120 ? 'stat-high' : v >= 80 ? 'stat-good' : v >= 50 ? 'stat-mid' : 'stat-low';
}

export function StatBars({ stats, caption, ranks }: { stats: Stats; caption?: string; ranks?: Partial<Record<keyof Stats, number>> }) {
  return (
    <table className="stats">
      {caption && <caption>{caption}</caption>}
      <tbody>
        {STAT_LABELS.map(([key, label]) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td>
              <Bar value={stats[key]} max={MAX_BASE_STAT} label={label} tone={statTone(stats[key])} />
            </td>
            {ranks && <td className="muted">{ranks[key] ? `#${ranks[key]}` : ''}</td>}
          </tr>
        ))}
        <tr className="total">
          <th scope="row">Total</th>
          <td>{stats.total}</td>
          {ranks && <td className="muted">{ranks.total ? `#${ranks.total}` : ''}</td>}
        </tr>
      </tbody>
    </table>
  );
}
