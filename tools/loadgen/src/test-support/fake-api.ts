import Fastify, { FastifyInstance } from 'fastify';

export interface FakeApi {
  url: string;
  app: FastifyInstance;
  /** Requests received, by route template. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A stand-in for the api's routes loadgen calls (same paths, shapes and status codes), for unit
 * tests of the load generator. `failEvery: n` answers 500 to every n-th prediction.
 */
export async function startFakeApi(options: { key?: string; pokemon?: number; failEvery?: number; modelServed?: boolean } = {}): Promise<FakeApi> {
  const key = options.key ?? 'test-key';
  const count = options.pokemon ?? 30;
  const hits = new Map<string, number>();
  const app = Fastify();
  const types = ['Normal', 'Fire', 'Water', 'Electric'];
  const pokemon = Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `Mon${i + 1}`, types: [{ id: (i % 4) + 1, name: types[i % 4] }] }));
  let predictions = 0;
  app.addHook('onRequest', async (req, reply) => {
    const route = `${req.method} ${req.routeOptions.url ?? req.url}`;
    hits.set(route, (hits.get(route) ?? 0) + 1);
    if (!req.url.startsWith('/health') && req.headers['x-api-key'] !== key) return reply.code(401).send({ statusCode: 401, message: 'unknown API key' });
  });
  const byId = (id: string) => pokemon.find((p) => p.id === Number(id));
  app.get('/health/ready', async () => ({ status: 'ok' }));
  app.get('/predict/model-info', async (_req, reply) => (options.modelServed === false ? reply.code(503).send({ message: 'no model' }) : { name: 'battle-winner', version: '1', alias: 'champion' }));
  app.get<{ Querystring: { limit?: string; offset?: string } }>('/pokemon', async (req) => {
    const limit = Number(req.query.limit ?? 50);
    const offset = Number(req.query.offset ?? 0);
    return { items: pokemon.slice(offset, offset + Math.min(limit, 200)), total: pokemon.length, limit, offset };
  });
  app.get<{ Querystring: { name?: string } }>('/pokemon/search', async (req) => ({ query: req.query.name, lang: 'en', items: pokemon.filter((p) => p.name.startsWith(req.query.name ?? '')) }));
  app.get<{ Params: { id: string } }>('/pokemon/:id', async (req, reply) => byId(req.params.id) ?? reply.code(404).send({ message: 'not found' }));
  app.get<{ Params: { id: string } }>('/pokemon/:id/weaknesses', async (req, reply) => (byId(req.params.id) ? { affinities: [] } : reply.code(404).send({})));
  app.get<{ Params: { id: string } }>('/pokemon/:id/moves', async (req, reply) => {
    const p = byId(req.params.id);
    if (!p) return reply.code(404).send({});
    const move = (id: number, category: string, battle: boolean) => ({ move: { id, name: `Move${id}`, category, battle_move: battle, power: 60 }, methods: [] });
    return { pokemon_id: p.id, items: [move(p.id * 10 + 1, 'physical', true), move(p.id * 10 + 2, 'special', true), move(p.id * 10 + 3, 'status', false)] };
  });
  app.get<{ Querystring: { min_power?: string } }>('/moves', async (req, reply) => (Number(req.query.min_power ?? 0) > 250 ? reply.code(400).send({ message: 'min_power' }) : { items: [] }));
  app.get('/types', async () => types.map((name, i) => ({ id: i + 1, name })));
  app.get('/types/affinities', async () => ({ cells: [] }));
  app.post<{ Body: { pokemon_a_id?: number; available_moves?: unknown[] } }>('/predict/best-move', async (req, reply) => {
    if (!Array.isArray(req.body?.available_moves) || req.body.available_moves.length === 0) return reply.code(400).send({ message: 'available_moves: needs at least one move' });
    predictions++;
    if (options.failEvery && predictions % options.failEvery === 0) return reply.code(500).send({ message: 'boom' });
    if (options.modelServed === false) return reply.code(503).send({ message: 'no model' });
    return { recommended_move: 'Move1', win_probability: 0.7, all_moves: [] };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, app, hits, close: () => app.close() };
}
