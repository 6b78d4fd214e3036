import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server answering in PokéAPI's documented JSON shape (/pokemon/{name}, /pokemon-species/{name},
 * /move/{name}) for a few known names, 404 for the rest. Counts requests so tests can check the retry policy.
 */
export async function startFakePokeApi(options: { failFirst?: number } = {}) {
  let failuresLeft = options.failFirst ?? 0;
  const requests: string[] = [];
  const species: Record<string, string> = { bulbasaur: 'Bulbizarre', pikachu: 'Pikachu', raichu: 'Raichu', charizard: 'Dracaufeu' };
  const moves: Record<string, string> = { tackle: 'Charge', thunderbolt: 'Tonnerre' };
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (failuresLeft > 0) {
      failuresLeft--;
      res.writeHead(503).end();
      return;
    }
    const [, , , kind, name] = (req.url ?? '').split('/'); // /api/v2/<kind>/<name>
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const names = (fr: string, en: string) => [
      { name: fr, language: { name: 'fr', url: '' } },
      { name: en, language: { name: 'en', url: '' } },
    ];
    if (kind === 'pokemon-species' && species[name]) return json({ id: 1, name, names: names(species[name], name) });
    if (kind === 'pokemon' && ['bulbasaur', 'raichu-alola', 'charizard-mega-x'].includes(name)) {
      return json({ id: 1, name, height: 7, weight: 69, sprites: { front_default: `https://sprites.example/${name}.png` } });
    }
    if (kind === 'move' && moves[name]) return json({ id: 33, name, names: names(moves[name], name) });
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not found."}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/api/v2`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
