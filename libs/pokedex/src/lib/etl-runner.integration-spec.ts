import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ID } from '@pkmn/sim';
import { createDataSource } from '@predictiondex/db';
import { createTestDatabase, TestDatabase } from '@predictiondex/testing';
import type { DataSource } from 'typeorm';
import { startFakePokeApi } from '../test/fake-pokeapi';
import { tableDigests } from '../test/table-digests';
import { EtlAlreadyRunningError, ETL_ADVISORY_LOCK, EtlRunner } from './etl-runner';
import { CsvSource } from './sources/csv.source';
import { damagingMovesFor, isDamagingMove, legalSpeciesIds, lgpeDex, lgpeMove } from '@predictiondex/battle';
import { PokeApiSource } from './sources/pokeapi.source';
import { ShowdownSource } from './sources/showdown.source';

const fetcherOptions = { timeoutMs: 500, retries: 2, concurrency: 8, backoffMs: 10 };

describe('EtlRunner against a real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('pokedex_etl');
    ds = createDataSource({ url: db.url, poolSize: 4 });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('loads exactly the LGPE Pokédex from Showdown', async () => {
    const summary = await new EtlRunner(ds, [new ShowdownSource()]).run({ force: false });
    expect(summary.status).toBe('succeeded');
    expect(summary.counts).toMatchObject({ pokemon: 188, pokemon_type: 18, type_effectiveness: 324, move: 226 });
    expect(summary.changes.total).toBe(Object.values(summary.counts).reduce((a, b) => a + b, 0));

    const forms = await ds.query(`SELECT form, count(*)::int AS n FROM pokemon GROUP BY form ORDER BY form`);
    expect(forms).toEqual([
      { form: 'alola', n: 18 },
      { form: 'base', n: 153 },
      { form: 'mega', n: 15 },
      { form: 'partner', n: 2 },
    ]);
    const [bad] = await ds.query(`
      SELECT count(*)::int AS n FROM pokemon p
      WHERE (SELECT count(*) FROM pokemon_type_slot s WHERE s.pokemon_id = p.id) NOT IN (1, 2)
         OR NOT EXISTS (SELECT 1 FROM learnset l WHERE l.pokemon_id = p.id)
         OR least(base_hp, base_atk, base_def, base_spa, base_spd, base_spe) <= 0`);
    expect(bad.n).toBe(0);

    const [{ n: immune }] = await ds.query(`
      SELECT count(*)::int AS n FROM type_effectiveness e JOIN pokemon_type a ON a.id = e.attacking_type_id
      JOIN pokemon_type d ON d.id = e.defending_type_id WHERE a.name = 'Normal' AND d.name = 'Ghost' AND e.multiplier = 0`);
    expect(immune).toBe(1);

    const dex = lgpeDex();
    const moves: { showdown_id: string; power: number | null; accuracy: number | null; category: string; priority: number; type: string }[] = await ds.query(
      `SELECT m.showdown_id, m.power, m.accuracy, m.category, m.priority, t.name AS type FROM move m JOIN pokemon_type t ON t.id = m.type_id`,
    );
    for (const m of moves) {
      const ps = dex.moves.get(m.showdown_id as ID);
      expect({ id: m.showdown_id, power: m.power ?? 0, accuracy: m.accuracy ?? true, category: m.category, priority: m.priority, type: m.type }).toEqual({
        id: ps.id,
        power: ps.basePower,
        accuracy: ps.accuracy,
        category: ps.category.toLowerCase(),
        priority: ps.priority,
        type: ps.type,
      });
    }

    // Learnset methods: evolved forms inherit earlier stages' moves (Alolan lines included), Megas their base form's.
    const inherited = await ds.query(`
      SELECT m.showdown_id AS move, s.showdown_id AS source FROM learnset l JOIN pokemon p ON p.id = l.pokemon_id
      JOIN pokemon s ON s.id = l.source_pokemon_id JOIN move m ON m.id = l.move_id
      WHERE p.showdown_id = 'ninetalesalola' AND l.method = 'inherited' ORDER BY 1`);
    expect(inherited.length).toBeGreaterThan(0);
    expect(new Set(inherited.map((r: { source: string }) => r.source))).toEqual(new Set(['vulpixalola']));
    const [{ n: megaMoves }] = await ds.query(
      `SELECT count(*)::int AS n FROM learnset l JOIN pokemon p ON p.id = l.pokemon_id WHERE p.showdown_id = 'charizardmegax' AND l.method = 'inherited'`,
    );
    expect(megaMoves).toBeGreaterThan(10);
  });

  it('agrees with the battle engine on every damaging move each of the 188 forms can use', async () => {
    // Training draws moves from the engine's move pools and the api checks requests against this
    // table: the two must be the same sets, or the api would accept moves the model never saw.
    const rows: { pokemon: string; move: string }[] = await ds.query(
      `SELECT DISTINCT p.showdown_id AS pokemon, m.showdown_id AS move FROM learnset l JOIN pokemon p ON p.id = l.pokemon_id JOIN move m ON m.id = l.move_id`,
    );
    for (const id of legalSpeciesIds()) {
      const loaded = rows.filter((r) => r.pokemon === id && isDamagingMove(lgpeMove(r.move))).map((r) => r.move).sort();
      expect({ id, moves: loaded }).toEqual({ id, moves: [...damagingMovesFor(id)].sort() });
    }
  });

  it('a second run changes nothing and leaves every table byte-identical; --force rewrites but keeps the bytes', async () => {
    const before = await tableDigests(ds);
    const again = await new EtlRunner(ds, [new ShowdownSource()]).run({ force: false });
    expect(again.changes.total).toBe(0);
    expect(await tableDigests(ds)).toEqual(before);

    const forced = await new EtlRunner(ds, [new ShowdownSource()]).run({ force: true });
    expect(forced.changes.total).toBeGreaterThan(6000);
    const after = await tableDigests(ds);
    for (const table of Object.keys(before)) expect(after[table].split('/')[0]).toBe(before[table].split('/')[0]);
  });

  it('loads the good CSV rows, rejects the bad ones with reasons, and stores the rejects', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-csv-'));
    fs.writeFileSync(
      path.join(dir, 'pokemon.csv'),
      [
        'pokemon,name_fr,sprite_url,height_m',
        'bulbasaur,Bulbizarre,,',
        'Raichu-Alola,"Raichu d\'Alola",https://img.example/raichu-alola.png,0.7',
        'missingno,Missingno,,',
        'pikachu,Pikachu,ftp://nope,',
        'ivysaur,Herbizarre,,-3',
        'bulbasaur,Encore,,',
        'charmander,Salamèche',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'moves.csv'), 'move;name_fr\nThunderbolt;Tonnerre\nNot A Move;Rien\n');

    const summary = await new EtlRunner(ds, [new ShowdownSource(), new CsvSource(dir)]).run({ force: false });
    expect(summary.status).toBe('succeeded');
    expect(summary.rejects).toBe(6);
    const rejects: { location: string; reason: string }[] = await ds.query(`SELECT location, reason FROM etl_rejects WHERE run_id = $1 ORDER BY id`, [summary.runId]);
    expect(rejects.map((r) => `${r.location} ${r.reason}`)).toEqual([
      "pokemon.csv:4 unknown pokemon 'missingno'",
      'pokemon.csv:5 sprite_url is not an http(s) URL',
      "pokemon.csv:6 height_m '-3' is not a positive number",
      "pokemon.csv:7 duplicate row for pokemon 'bulbasaur'",
      'pokemon.csv:8 has 2 fields, the header has 4',
      "moves.csv:3 unknown move 'Not A Move'",
    ]);
    const loaded = await ds.query(`SELECT showdown_id, name_fr, sprite_url FROM pokemon WHERE showdown_id IN ('bulbasaur', 'raichualola', 'ivysaur') ORDER BY id`);
    expect(loaded).toEqual([
      { showdown_id: 'bulbasaur', name_fr: 'Bulbizarre', sprite_url: null },
      { showdown_id: 'ivysaur', name_fr: null, sprite_url: null },
      { showdown_id: 'raichualola', name_fr: "Raichu d'Alola", sprite_url: 'https://img.example/raichu-alola.png' },
    ]);
    const [tb] = await ds.query(`SELECT name_fr FROM move WHERE showdown_id = 'thunderbolt'`);
    expect(tb.name_fr).toBe('Tonnerre');
    expect(summary.changes.total).toBe(3);
  });

  it('a failing source fails the run, records it, and changes nothing', async () => {
    const before = await tableDigests(ds);
    const runner = new EtlRunner(ds, [new ShowdownSource(), new CsvSource('/no/such/dir')]);
    await expect(runner.run({ force: false })).rejects.toThrow(/does not exist/);
    const [last] = await ds.query(`SELECT status, error FROM etl_run ORDER BY id DESC LIMIT 1`);
    expect(last).toEqual({ status: 'failed', error: "ETL_CSV_DIR '/no/such/dir' does not exist" });
    expect(await tableDigests(ds)).toEqual(before);
  });

  it('enriches from a PokéAPI-shaped server, retrying 5xx answers', async () => {
    const api = await startFakePokeApi({ failFirst: 2 });
    try {
      const summary = await new EtlRunner(ds, [new ShowdownSource(), new PokeApiSource(api.baseUrl, fetcherOptions)]).run({ force: false });
      expect(summary.status).toBe('succeeded');
      expect(summary.warnings.join('\n')).toMatch(/resources not found/);
      // The two 503s were retried: some URL was asked for more than once.
      expect(new Set(api.requests).size).toBeLessThan(api.requests.length);
      const rows = await ds.query(`SELECT showdown_id, name_fr, sprite_url FROM pokemon WHERE showdown_id IN ('bulbasaur', 'raichualola', 'charizardmegax') ORDER BY id`);
      expect(rows).toEqual([
        { showdown_id: 'bulbasaur', name_fr: 'Bulbizarre', sprite_url: 'https://sprites.example/bulbasaur.png' },
        { showdown_id: 'charizardmegax', name_fr: 'Méga-Dracaufeu X', sprite_url: 'https://sprites.example/charizard-mega-x.png' },
        { showdown_id: 'raichualola', name_fr: "Raichu d'Alola", sprite_url: 'https://sprites.example/raichu-alola.png' },
      ]);
      const [tackle] = await ds.query(`SELECT name_fr FROM move WHERE showdown_id = 'tackle'`);
      expect(tackle.name_fr).toBe('Charge');
    } finally {
      await api.close();
    }
  });

  it('succeeds with a warning when PokéAPI is unreachable, without hammering it', async () => {
    const api = await startFakePokeApi();
    await api.close(); // nothing listens on that port any more
    const started = Date.now();
    const summary = await new EtlRunner(ds, [new ShowdownSource(), new PokeApiSource(api.baseUrl, fetcherOptions)]).run({ force: false });
    expect(summary.status).toBe('succeeded');
    expect(summary.warnings.join('\n')).toMatch(/pokeapi: enrichment skipped, .*unreachable/);
    expect(Date.now() - started).toBeLessThan(20_000);
    const [run] = await ds.query(`SELECT status, warnings FROM etl_run WHERE id = $1`, [summary.runId]);
    expect(run.status).toBe('succeeded');
    expect(run.warnings[0]).toMatch(/unreachable/);
  });

  it('lets one run at a time hold the database and closes runs a dead process left open', async () => {
    const holder = ds.createQueryRunner();
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [ETL_ADVISORY_LOCK]);
    await expect(new EtlRunner(ds, [new ShowdownSource()]).run({ force: false })).rejects.toThrow(EtlAlreadyRunningError);
    await holder.query('SELECT pg_advisory_unlock($1)', [ETL_ADVISORY_LOCK]);
    await holder.release();

    const [{ id }] = await ds.query(`INSERT INTO etl_run (started_at, status) VALUES (now(), 'running') RETURNING id`);
    await new EtlRunner(ds, [new ShowdownSource()]).run({ force: false });
    const [orphan] = await ds.query(`SELECT status, error FROM etl_run WHERE id = $1`, [id]);
    expect(orphan.status).toBe('failed');
    expect(orphan.error).toMatch(/abandoned/);
  });
});
