/** The 18 types in the game's order, with the colours the games use (text colour chosen for contrast). */
export const TYPE_NAMES = [
  'Normal', 'Fighting', 'Flying', 'Poison', 'Ground', 'Rock', 'Bug', 'Ghost', 'Steel',
  'Fire', 'Water', 'Grass', 'Electric', 'Psychic', 'Ice', 'Dragon', 'Dark', 'Fairy',
] as const;

/** CSS class of a type's colour: `type-fire`. Unknown names get the neutral `type-unknown`. */
export function typeClass(name: string | undefined | null): string {
  const key = (name ?? '').toLowerCase();
  return (TYPE_NAMES as readonly string[]).some((t) => t.toLowerCase() === key) ? `type-${key}` : 'type-unknown';
}

/** 2 -> "2×", 0.5 -> "½×", 0.25 -> "¼×". */
export function formatMultiplier(m: number): string {
  const text = m === 0.5 ? '½' : m === 0.25 ? '¼' : String(m);
  return `${text}×`;
}

/** CSS class of a damage multiplier cell: `mult-0`, `mult-0-25`, `mult-0-5`, `mult-1`, `mult-2`, `mult-4`. */
export function multiplierClass(m: number): string {
  return `mult-${String(m).replace('.', '-')}`;
}

export function describeMultiplier(m: number): string {
  if (m === 0) return 'no effect';
  if (m < 1) return 'not very effective';
  if (m > 1) return 'super effective';
  return 'neutral';
}

export const percent = (p: number, digits = 0) => `${(p * 100).toFixed(digits)}%`;
