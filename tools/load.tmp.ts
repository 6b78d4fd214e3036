import autocannon from 'autocannon';
import { battleMovesFor } from '@predictiondex/battle';
import { Client } from 'pg';
async function main() {
  const pg = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/pdx_exp' }); await pg.connect();
  const pokemon = (await pg.query('SELECT id, showdown_id FROM pokemon ORDER BY id')).rows;
  const moveIds = new Map((await pg.query('SELECT id, showdown_id FROM move')).rows.map((m: any) => [m.showdown_id, m.id]));
  await pg.end();
  let seed = 12345; const rand = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  const pick = (sd: string) => { const pool = [...battleMovesFor(sd)]; const out: number[] = []; while (out.length < 4 && pool.length) out.push(moveIds.get(pool.splice(rand(pool.length), 1)[0]) as number); return out; };
  const fighters = pokemon.filter((p: any) => battleMovesFor(p.showdown_id).length >= 4);
  const bodies = Array.from({ length: 64 }, () => { const a = fighters[rand(fighters.length)]; const b = fighters[rand(fighters.length)]; return JSON.stringify({ pokemon_a_id: a.id, pokemon_b_id: b.id, available_moves: pick(a.showdown_id), available_moves_b: pick(b.showdown_id) }); });
  let i = 0;
  const r = await autocannon({ url: 'http://127.0.0.1:18000', connections: Number(process.argv[2] ?? 50), duration: Number(process.argv[3] ?? 10), requests: [{ method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'dev-only-api-key' }, setupRequest: (req: any) => ({ ...req, path: '/predict/best-move', body: bodies[i++ % bodies.length] }) }] });
  console.log(`rps ${r.requests.average} p50 ${r.latency.p50} p99 ${r.latency.p99} non2xx ${r.non2xx}`);
}
main();
