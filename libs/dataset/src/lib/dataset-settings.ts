/** Scenario names and settings as the seed stack named them (ML_SCENARIO_TYPE, ML_NUM_RANDOM_SAMPLES, ML_MAX_COMBINATIONS). */
export const SCENARIOS = ['best_move', 'random_move', 'all_combinations'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The default dataset: both sides' best move, plus A's best against random replies. */
export const DEFAULT_SCENARIOS: Scenario[] = ['best_move', 'random_move'];

export interface DatasetSettings {
  scenarios: Scenario[];
  /** random_move: random B moves per ordered pair. */
  numRandomSamples: number;
  /** all_combinations: at most this many (move A, move B) pairs per ordered Pokémon pair. */
  maxCombinations: number;
  /** Base seed of every random choice and battle. */
  seed: number;
  /** Share of unordered Pokémon pairs held out for the test split. */
  testFraction: number;
  /** Use only this many Pokémon (a seeded sample), for small builds; undefined = all. */
  maxSpecies?: number;
  /** Battle turn cap; a battle reaching it is a draw. */
  maxTurns: number;
}

export const DEFAULT_DATASET_SETTINGS: DatasetSettings = {
  scenarios: DEFAULT_SCENARIOS,
  numRandomSamples: 5,
  maxCombinations: 20,
  seed: 42,
  testFraction: 0.2,
  maxTurns: 100,
};

/** Parses ML_SCENARIO_TYPE: one name, a comma list, or `all`. */
export function parseScenarios(value: string): Scenario[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return [...SCENARIOS];
  for (const n of names) {
    if (!(SCENARIOS as readonly string[]).includes(n)) throw new Error(`unknown scenario '${n}' (expected ${SCENARIOS.join(', ')} or all)`);
  }
  if (!names.length) throw new Error('no scenario given');
  return SCENARIOS.filter((s) => names.includes(s));
}
