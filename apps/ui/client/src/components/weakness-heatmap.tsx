import type { TypeAffinity } from '@predictiondex/api-client';
import { formatMultiplier, multiplierClass, TYPE_NAMES, typeClass } from '../lib/types';

export interface HeatmapRow {
  label: string;
  affinities: TypeAffinity[];
}

/** The damage every attacking type does to each row's Pokémon: one row per Pokémon, 18 columns. */
export function WeaknessHeatmap({ rows, caption }: { rows: HeatmapRow[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Defender</th>
            {TYPE_NAMES.map((t) => (
              <th key={t} scope="col" className={`type-head ${typeClass(t)}`} title={t}>
                <abbr title={t}>{t.slice(0, 3)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const by = new Map(row.affinities.map((a) => [a.type.name, a.multiplier]));
            return (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {TYPE_NAMES.map((t) => {
                  const m = by.get(t) ?? 1;
                  return (
                    <td key={t} className={`mult ${multiplierClass(m)}`} aria-label={`${t} on ${row.label}: ${formatMultiplier(m)}`}>
                      {m === 1 ? '' : formatMultiplier(m)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
