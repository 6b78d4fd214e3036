import type { LearnMethod, MoveCategory, PokemonForm } from '@predictiondex/db';

// The Pokédex as the sources assemble it in memory, keyed by Showdown ids, before the loader writes
// it. Sources only ever refine a draft; the loader is the only thing that touches the database.

export interface DraftType {
  id: number;
  name: string;
  nameFr: string | null;
}

export interface DraftTypeCell {
  attacking: string;
  defending: string;
  multiplier: number;
}

export interface DraftPokemon {
  showdownId: string;
  name: string;
  nameFr: string | null;
  dexNumber: number;
  baseSpecies: string;
  form: PokemonForm;
  formeLabel: string;
  evolvesFrom: string | null;
  baseStats: { hp: number; atk: number; def: number; spa: number; spd: number; spe: number };
  types: string[];
  heightM: number | null;
  weightKg: number | null;
  spriteUrl: string | null;
}

export interface DraftMove {
  showdownId: string;
  name: string;
  nameFr: string | null;
  type: string;
  category: MoveCategory;
  power: number | null;
  accuracy: number | null;
  pp: number;
  priority: number;
  description: string;
  multiHitMin: number | null;
  multiHitMax: number | null;
  isCharge: boolean;
  isRecharge: boolean;
  fixedDamage: string | null;
  isOhko: boolean;
  recoil: number;
  drain: number;
  critRatio: number;
  flags: string[];
}

export interface DraftLearnsetEntry {
  pokemon: string;
  move: string;
  method: LearnMethod;
  level: number | null;
  source: string;
}

export interface DraftReject {
  source: string;
  location: string;
  row: Record<string, unknown>;
  reason: string;
}

export interface PokedexDraft {
  types: DraftType[];
  typeChart: DraftTypeCell[];
  pokemon: DraftPokemon[];
  moves: DraftMove[];
  learnsets: DraftLearnsetEntry[];
  rejects: DraftReject[];
  warnings: string[];
  sourceVersions: Record<string, string>;
}

export function emptyDraft(): PokedexDraft {
  return { types: [], typeChart: [], pokemon: [], moves: [], learnsets: [], rejects: [], warnings: [], sourceVersions: {} };
}
