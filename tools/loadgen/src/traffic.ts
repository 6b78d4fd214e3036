import type { RequestKind } from './options';
import type { Random } from './random';

/** One HTTP exchange with the api: status (or why none), parsed JSON body, duration. */
export interface HttpResult {
  status: number | 'network' | 'timeout';
  ms: number;
  body?: unknown;
}

export interface RequestSpec {
  kind: RequestKind;
  /** Route template, for the per-endpoint summary. */
  route: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  expect: 'success' | 'client-error';
}

export class ApiHttp {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number,
  ) {}

  async send(method: 'GET' | 'POST', path: string, body?: unknown, readBody = false): Promise<HttpResult> {
    const started = performance.now();
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { 'x-api-key': this.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The body is always read (keep-alive needs it consumed); parsed only when asked.
      const text = await res.text();
      const ms = performance.now() - started;
      return { status: res.status, ms, body: readBody && text ? (JSON.parse(text) as unknown) : undefined };
    } catch (e) {
      const name = (e as Error).name;
      return { status: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network', ms: performance.now() - started };
    }
  }
}

export interface MoveRef {
  id: number;
  name: string;
}

export interface Catalog {
  /** Every Pokémon of the api (id, name). */
  pokemon: MoveRef[];
  /** Damaging moves each sampled Pokémon can learn (what /predict scores). */
  learnable: Map<number, MoveRef[]>;
  /** Type names (for /moves?type=). */
  types: string[];
}

interface PokemonPage {
  items: { id: number; name: string; types?: { name: string }[] }[];
  total: number;
}
interface Learnset {
  items: { move: { id: number; name: string; category: string; battle_move: boolean } }[];
}

/**
 * What realistic requests need, read from the api itself before the run (not counted): every
 * Pokémon, and the learnsets of a seeded sample of them, keeping their damaging moves.
 */
export async function loadCatalog(http: ApiHttp, rng: Random, sampleSize = 24): Promise<Catalog> {
  const pokemon: MoveRef[] = [];
  const types = new Set<string>();
  for (let offset = 0; ; offset += 200) {
    const res = await http.send('GET', `/pokemon?limit=200&offset=${offset}`, undefined, true);
    if (res.status !== 200) throw new Error(`GET /pokemon answered ${res.status}: is the api up, and API_KEY one of its keys?`);
    const page = res.body as PokemonPage;
    for (const p of page.items) {
      pokemon.push({ id: p.id, name: p.name });
      for (const t of p.types ?? []) types.add(t.name);
    }
    if (!page.items.length || pokemon.length >= page.total) break;
  }
  if (pokemon.length < 2) throw new Error(`the api lists ${pokemon.length} Pokémon: has the ETL loaded the Pokédex yet?`);
  const learnable = new Map<number, MoveRef[]>();
  const sample = rng.sample(pokemon, sampleSize);
  for (let i = 0; i < sample.length; i += 4) {
    await Promise.all(
      sample.slice(i, i + 4).map(async (p) => {
        const res = await http.send('GET', `/pokemon/${p.id}/moves`, undefined, true);
        if (res.status !== 200) return;
        const moves = (res.body as Learnset).items.filter((e) => e.move.battle_move && e.move.category !== 'status').map((e) => ({ id: e.move.id, name: e.move.name }));
        if (moves.length) learnable.set(p.id, moves);
      }),
    );
  }
  if (learnable.size < 2) throw new Error('fewer than two sampled Pokémon have a damaging move: the Pokédex looks incomplete');
  return { pokemon, learnable, types: [...types].sort() };
}

/** One request of the given kind, built from the catalog (seeded). */
export function buildRequest(kind: RequestKind, catalog: Catalog, rng: Random): RequestSpec {
  if (kind === 'predict') {
    const [[a, learnableA], [b, learnableB]] = rng.sample([...catalog.learnable.entries()], 2);
    const movesA = rng.sample(learnableA, rng.int(1, 4)).map((m) => m.id);
    const body: Record<string, unknown> = { pokemon_a_id: a, pokemon_b_id: b, available_moves: movesA };
    // Half the time B's moves are given; otherwise the api answers with B's best reply from its learnset.
    if (rng.next() < 0.5) body['available_moves_b'] = rng.sample(learnableB, rng.int(1, 4)).map((m) => m.id);
    return { kind, route: 'POST /predict/best-move', method: 'POST', path: '/predict/best-move', body, expect: 'success' };
  }
  if (kind === 'read') {
    const p = rng.pick(catalog.pokemon);
    const read = rng.weighted({ pokemon: 30, weaknesses: 15, learnset: 15, movesByType: 10, search: 10, types: 5, affinities: 5, modelInfo: 10 });
    const get = (route: string, path: string): RequestSpec => ({ kind, route: `GET ${route}`, method: 'GET', path, expect: 'success' });
    switch (read) {
      case 'pokemon':
        return get('/pokemon/:id', `/pokemon/${p.id}`);
      case 'weaknesses':
        return get('/pokemon/:id/weaknesses', `/pokemon/${p.id}/weaknesses`);
      case 'learnset':
        return get('/pokemon/:id/moves', `/pokemon/${p.id}/moves`);
      case 'movesByType':
        return get('/moves', `/moves?type=${encodeURIComponent(catalog.types.length ? rng.pick(catalog.types) : 'Normal')}&limit=20`);
      case 'search':
        return get('/pokemon/search', `/pokemon/search?name=${encodeURIComponent(p.name.slice(0, 3))}`);
      case 'types':
        return get('/types', '/types');
      case 'affinities':
        return get('/types/affinities', '/types/affinities');
      default:
        return get('/predict/model-info', '/predict/model-info');
    }
  }
  // Provoked client errors: the api must answer 4xx (validation / not found), never 5xx.
  const which = rng.weighted({ unknownPokemon: 40, emptyMoves: 40, badQuery: 20 });
  if (which === 'unknownPokemon') return { kind, route: 'GET /pokemon/:id', method: 'GET', path: `/pokemon/${900_000 + rng.int(0, 99_999)}`, expect: 'client-error' };
  if (which === 'emptyMoves') {
    const [a, b] = rng.sample(catalog.pokemon, 2);
    return { kind, route: 'POST /predict/best-move', method: 'POST', path: '/predict/best-move', body: { pokemon_a_id: a.id, pokemon_b_id: b.id, available_moves: [] }, expect: 'client-error' };
  }
  return { kind, route: 'GET /moves', method: 'GET', path: '/moves?min_power=9999', expect: 'client-error' };
}
