/**
 * The 18 types in National Dex order. Spelled out rather than read from the dex because the feature
 * vector's one-hot columns depend on this order; a spec checks it against the engine's type chart.
 */
export const TYPE_NAMES = [
  'Normal',
  'Fire',
  'Water',
  'Electric',
  'Grass',
  'Ice',
  'Fighting',
  'Poison',
  'Ground',
  'Flying',
  'Psychic',
  'Bug',
  'Rock',
  'Ghost',
  'Dragon',
  'Dark',
  'Steel',
  'Fairy',
] as const;

export type TypeName = (typeof TYPE_NAMES)[number];

const INDEX: ReadonlyMap<string, number> = new Map(TYPE_NAMES.map((t, i) => [t, i]));

/** Column of a type in one-hot blocks, or -1 for '???' (Struggle is typeless). */
export function typeIndex(type: string): number {
  return INDEX.get(type) ?? -1;
}
