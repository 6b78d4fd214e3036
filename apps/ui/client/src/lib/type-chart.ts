import type { Affinity } from '@predictiondex/api-client';

/** attacking -> defending -> multiplier, for the single-type cells of the chart. */
export type Chart = Map<string, Map<string, number>>;

export function buildChart(items: Affinity[]): Chart {
  const chart: Chart = new Map();
  for (const a of items) {
    if (a.defending.length !== 1) continue;
    let row = chart.get(a.attacking.name);
    if (!row) chart.set(a.attacking.name, (row = new Map()));
    row.set(a.defending[0].name, a.multiplier);
  }
  return chart;
}

export function multiplier(chart: Chart, attacking: string, defending: string): number {
  return chart.get(attacking)?.get(defending) ?? 1;
}

export interface TypeSummary {
  superEffective: string[];
  notVeryEffective: string[];
  noEffect: string[];
  weakTo: string[];
  resists: string[];
  immuneTo: string[];
}

/** How a type fares attacking (its row) and defending (its column). */
export function summarise(chart: Chart, type: string, types: readonly string[]): TypeSummary {
  const att = (d: string) => multiplier(chart, type, d);
  const def = (a: string) => multiplier(chart, a, type);
  return {
    superEffective: types.filter((d) => att(d) > 1),
    notVeryEffective: types.filter((d) => att(d) > 0 && att(d) < 1),
    noEffect: types.filter((d) => att(d) === 0),
    weakTo: types.filter((a) => def(a) > 1),
    resists: types.filter((a) => def(a) > 0 && def(a) < 1),
    immuneTo: types.filter((a) => def(a) === 0),
  };
}
