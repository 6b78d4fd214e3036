import type { AffinityList, DecisionPage, FeedbackResponse, Learnset, Move, ModelInfo, PerformanceResponse, Pokemon, PokemonType, Weaknesses } from '@predictiondex/api-client';
import { api, unwrap } from './bff-client';

/**
 * Reference data every page shares (the Pokédex changes only with an ETL run): fetched once per page
 * load and kept; a failed fetch is forgotten so that "Retry" asks again.
 */
const shared = new Map<string, Promise<unknown>>();

export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = shared.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    shared.set(key, p);
    p.catch(() => shared.delete(key));
  }
  return p;
}

/** For tests: forget everything. */
export function clearCache(): void {
  shared.clear();
}

/** Every Pokémon (188 in LGPE), in pages of the api's maximum. */
export function allPokemon(): Promise<Pokemon[]> {
  return cached('pokemon', async () => {
    const items: Pokemon[] = [];
    for (;;) {
      const page = unwrap(await api.GET('/pokemon', { params: { query: { limit: 200, offset: items.length } } }));
      items.push(...page.items);
      if (!page.items.length || items.length >= page.total) return items;
    }
  });
}

/** Every move (226 in LGPE), in pages of the api's maximum. */
export function allMoves(): Promise<Move[]> {
  return cached('moves', async () => {
    const items: Move[] = [];
    for (;;) {
      const page = unwrap(await api.GET('/moves', { params: { query: { limit: 250, offset: items.length } } }));
      items.push(...page.items);
      if (!page.items.length || items.length >= page.total) return items;
    }
  });
}

export function allTypes(): Promise<PokemonType[]> {
  return cached('types', async () => unwrap(await api.GET('/types')).items);
}

/** The 18x18 chart: one entry per (attacking, single defending type). */
export function typeChart(): Promise<AffinityList['items']> {
  return cached('affinities', async () => unwrap(await api.GET('/types/affinities')).items);
}

export function learnset(pokemonId: number): Promise<Learnset> {
  return cached(`learnset:${pokemonId}`, async () => unwrap(await api.GET('/pokemon/{id}/moves', { params: { path: { id: pokemonId } } })));
}

export function weaknesses(pokemonId: number): Promise<Weaknesses> {
  return cached(`weaknesses:${pokemonId}`, async () => unwrap(await api.GET('/pokemon/{id}/weaknesses', { params: { path: { id: pokemonId } } })));
}

export async function pokemonById(id: number): Promise<Pokemon> {
  return unwrap(await api.GET('/pokemon/{id}', { params: { path: { id } } }));
}

/** Not cached: the serving model changes when a new one is promoted. */
export async function modelInfo(): Promise<ModelInfo> {
  return unwrap(await api.GET('/predict/model-info'));
}

/** The served model's versions on reported outcomes (not cached: outcomes keep arriving). */
export async function livePerformance(): Promise<PerformanceResponse> {
  return unwrap(await api.GET('/monitoring/performance'));
}

/** The decision audit (promotions, rejections, rollbacks), newest first. */
export async function modelDecisions(limit = 20): Promise<DecisionPage> {
  return unwrap(await api.GET('/monitoring/decisions', { params: { query: { limit } } }));
}

/** Reports who really won the battle a prediction was about (once: a different answer later is a 409). */
export async function reportOutcome(predictionId: string, winner: 'A' | 'B'): Promise<FeedbackResponse> {
  return unwrap(await api.POST('/predictions/{id}/feedback', { params: { path: { id: predictionId } }, body: { winner } }));
}

/** The HTML performance report, relayed by the BFF as a page of its own (opened, never inlined). */
export const PERFORMANCE_REPORT_URL = '/bff/monitoring/performance/report';

