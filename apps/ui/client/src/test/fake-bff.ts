import { vi } from 'vitest';
import { AFFINITIES, ALL_POKEMON, LEARNSETS, MOVES, weaknessesOf } from './fixtures';

export interface FakeCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export type Route = (call: FakeCall) => unknown | Response;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The Pokédex reads of the api as the BFF relays them, from the fixtures. */
export const POKEDEX_ROUTES: Record<string, Route> = {
  'GET /bff/pokemon': ({ query }) => {
    const form = query.get('form');
    const items = ALL_POKEMON.filter((p) => !form || p.form === form);
    const limit = Number(query.get('limit') ?? 50);
    const offset = Number(query.get('offset') ?? 0);
    return { items: items.slice(offset, offset + limit), total: items.length, limit, offset };
  },
  'GET /bff/moves': ({ query }) => {
    const items = query.has('min_power') ? MOVES.filter((m) => m.power !== null) : MOVES;
    return { items: items.slice(0, Number(query.get('limit') ?? 50)), total: items.length, limit: 50, offset: 0 };
  },
  'GET /bff/types': () => ({ items: [...new Set(AFFINITIES.map((a) => a.attacking.name))].map((name, i) => ({ id: i + 1, name, name_fr: null })) }),
  'GET /bff/types/affinities': () => ({ items: AFFINITIES }),
};

/** Matches `/bff/pokemon/25/moves` style paths. */
function dynamic(method: string, path: string): Route | undefined {
  let m = path.match(/^\/bff\/pokemon\/(\d+)\/moves$/);
  if (method === 'GET' && m) return () => LEARNSETS[Number(m![1])] ?? json(404, { statusCode: 404, error: 'Not Found', message: 'no such Pokémon' });
  m = path.match(/^\/bff\/pokemon\/(\d+)\/weaknesses$/);
  if (method === 'GET' && m) {
    const p = ALL_POKEMON.find((x) => x.id === Number(m![1]));
    return () => (p ? weaknessesOf(p) : json(404, { statusCode: 404, error: 'Not Found', message: 'no such Pokémon' }));
  }
  return undefined;
}

/** Replaces fetch with a router over `METHOD /path` handlers; unknown routes answer 404. Returns the calls seen. */
export function fakeBff(routes: Record<string, Route> = {}): FakeCall[] {
  const calls: FakeCall[] = [];
  const all = { ...POKEDEX_ROUTES, ...routes };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | string) => {
      const req = typeof input === 'string' ? new Request(input) : input;
      const url = new URL(req.url);
      const text = req.method === 'POST' ? await req.text() : '';
      const call = { method: req.method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined };
      calls.push(call);
      const route = all[`${req.method} ${url.pathname}`] ?? dynamic(req.method, url.pathname);
      if (!route) return json(404, { statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${url.pathname}` });
      const out = await route(call);
      return out instanceof Response ? out : json(200, out);
    }),
  );
  return calls;
}

/** The api is down: every /bff call answers what the BFF answers then. */
export function apiDown(): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => json(503, { statusCode: 503, error: 'Service Unavailable', message: 'the prediction service is unreachable' })),
  );
}

export const error = json;
