import { MigrationInterface, QueryRunner } from 'typeorm';

export class PokedexSchema1732400000000 implements MigrationInterface {
  name = 'PokedexSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pokemon_type (
        id smallint PRIMARY KEY,
        name text NOT NULL UNIQUE,
        name_fr text
      );
      CREATE TABLE type_effectiveness (
        attacking_type_id smallint NOT NULL REFERENCES pokemon_type(id) ON DELETE CASCADE,
        defending_type_id smallint NOT NULL REFERENCES pokemon_type(id) ON DELETE CASCADE,
        multiplier real NOT NULL CHECK (multiplier IN (0, 0.5, 1, 2)),
        PRIMARY KEY (attacking_type_id, defending_type_id)
      );
      CREATE TABLE pokemon (
        id serial PRIMARY KEY,
        showdown_id text NOT NULL UNIQUE,
        name text NOT NULL UNIQUE,
        name_fr text,
        dex_number smallint NOT NULL CHECK (dex_number > 0),
        base_species text NOT NULL,
        form text NOT NULL CHECK (form IN ('base', 'alola', 'mega', 'partner')),
        forme_label text NOT NULL DEFAULT '',
        evolves_from text,
        base_hp smallint NOT NULL CHECK (base_hp > 0),
        base_atk smallint NOT NULL CHECK (base_atk > 0),
        base_def smallint NOT NULL CHECK (base_def > 0),
        base_spa smallint NOT NULL CHECK (base_spa > 0),
        base_spd smallint NOT NULL CHECK (base_spd > 0),
        base_spe smallint NOT NULL CHECK (base_spe > 0),
        height_m real,
        weight_kg real,
        sprite_url text
      );
      CREATE INDEX ix_pokemon_dex_number ON pokemon (dex_number);
      CREATE INDEX ix_pokemon_name_lower ON pokemon (lower(name));
      CREATE INDEX ix_pokemon_name_fr_lower ON pokemon (lower(name_fr));
      CREATE TABLE pokemon_type_slot (
        pokemon_id int NOT NULL REFERENCES pokemon(id) ON DELETE CASCADE,
        slot smallint NOT NULL CHECK (slot IN (1, 2)),
        type_id smallint NOT NULL REFERENCES pokemon_type(id),
        PRIMARY KEY (pokemon_id, slot)
      );
      CREATE INDEX ix_pokemon_type_slot_type ON pokemon_type_slot (type_id);
      CREATE TABLE move (
        id serial PRIMARY KEY,
        showdown_id text NOT NULL UNIQUE,
        name text NOT NULL UNIQUE,
        name_fr text,
        type_id smallint NOT NULL REFERENCES pokemon_type(id),
        category text NOT NULL CHECK (category IN ('physical', 'special', 'status')),
        power smallint CHECK (power IS NULL OR power > 0),
        accuracy smallint CHECK (accuracy IS NULL OR accuracy BETWEEN 1 AND 100),
        pp smallint NOT NULL CHECK (pp > 0),
        priority smallint NOT NULL,
        description text NOT NULL,
        multi_hit_min smallint,
        multi_hit_max smallint,
        is_charge boolean NOT NULL DEFAULT false,
        is_recharge boolean NOT NULL DEFAULT false,
        fixed_damage text,
        is_ohko boolean NOT NULL DEFAULT false,
        recoil real NOT NULL DEFAULT 0,
        drain real NOT NULL DEFAULT 0,
        crit_ratio smallint NOT NULL DEFAULT 1,
        flags text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX ix_move_type ON move (type_id);
      CREATE INDEX ix_move_name_lower ON move (lower(name));
      CREATE TABLE learnset (
        id serial PRIMARY KEY,
        pokemon_id int NOT NULL REFERENCES pokemon(id) ON DELETE CASCADE,
        move_id int NOT NULL REFERENCES move(id) ON DELETE CASCADE,
        method text NOT NULL CHECK (method IN ('level-up', 'evolution', 'tm', 'tutor', 'event', 'inherited')),
        level smallint,
        source_pokemon_id int NOT NULL REFERENCES pokemon(id) ON DELETE CASCADE,
        CONSTRAINT uq_learnset_entry UNIQUE (pokemon_id, move_id, method, source_pokemon_id)
      );
      CREATE INDEX ix_learnset_move ON learnset (move_id);
      CREATE TABLE etl_run (
        id serial PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        forced boolean NOT NULL DEFAULT false,
        source_versions jsonb NOT NULL DEFAULT '{}',
        row_counts jsonb NOT NULL DEFAULT '{}',
        changes jsonb NOT NULL DEFAULT '{}',
        rejected_rows int NOT NULL DEFAULT 0,
        warnings jsonb NOT NULL DEFAULT '[]',
        dex_fingerprint text,
        error text
      );
      CREATE INDEX ix_etl_run_status ON etl_run (status, id DESC);
      CREATE TABLE etl_rejects (
        id serial PRIMARY KEY,
        run_id int NOT NULL REFERENCES etl_run(id) ON DELETE CASCADE,
        source text NOT NULL,
        location text NOT NULL,
        "row" jsonb NOT NULL,
        reason text NOT NULL
      );
      CREATE INDEX ix_etl_rejects_run ON etl_rejects (run_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE etl_rejects; DROP TABLE etl_run; DROP TABLE learnset; DROP TABLE move;
      DROP TABLE pokemon_type_slot; DROP TABLE pokemon; DROP TABLE type_effectiveness; DROP TABLE pokemon_type;
    `);
  }
}
