import type { Move } from '@predictiondex/api-client';

export const POWER_BANDS = [
  { id: 'any', label: 'Any power', test: () => true },
  { id: 'none', label: 'No base power (status, fixed damage)', test: (p: number | null) => p === null },
  { id: 'weak', label: '1–59', test: (p: number | null) => p !== null && p < 60 },
  { id: 'medium', label: '60–89', test: (p: number | null) => p !== null && p >= 60 && p < 90 },
  { id: 'strong', label: '90–119', test: (p: number | null) => p !== null && p >= 90 && p < 120 },
  { id: 'huge', label: '120 and more', test: (p: number | null) => p !== null && p >= 120 },
] as const;
export type PowerBand = (typeof POWER_BANDS)[number]['id'];

export interface MoveFilters {
  name: string;
  type: string;
  category: '' | Move['category'];
  power: PowerBand;
}

export const NO_FILTERS: MoveFilters = { name: '', type: '', category: '', power: 'any' };

export type MoveSortKey = 'name' | 'type' | 'category' | 'power' | 'accuracy' | 'pp' | 'priority';
export interface MoveSort {
  key: MoveSortKey;
  direction: 'ascending' | 'descending';
}

export function filterMoves(moves: Move[], f: MoveFilters): Move[] {
  const band = POWER_BANDS.find((b) => b.id === f.power) ?? POWER_BANDS[0];
  const name = f.name.trim().toLowerCase();
  return moves.filter(
    (m) =>
      (!name || m.name.toLowerCase().includes(name) || (m.name_fr ?? '').toLowerCase().includes(name)) &&
      (!f.type || m.type.name === f.type) &&
      (!f.category || m.category === f.category) &&
      band.test(m.power),
  );
}

function sortValue(m: Move, key: MoveSortKey): string | number | null {
  switch (key) {
    case 'type':
      return m.type.name;
    case 'name':
    case 'category':
      return m[key];
    default:
      return m[key];
  }
}

/** Stable; moves without a value (no power, never-miss accuracy) always sort last. */
export function sortMoves(moves: Move[], sort: MoveSort): Move[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...moves].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) return va === vb ? a.name.localeCompare(b.name) : va === null ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return c * sign || a.name.localeCompare(b.name);
  });
}

/** The n strongest moves by base power (ties by name). */
export function topByPower(moves: Move[], n: number): Move[] {
  return sortMoves(
    moves.filter((m) => m.power !== null),
    { key: 'power', direction: 'descending' },
  ).slice(0, n);
}
