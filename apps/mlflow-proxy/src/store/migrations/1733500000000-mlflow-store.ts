import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tracking store and model registry, in their own schema next to the Pokédex's `public`.
 * Ids and timestamps follow MLflow: experiment ids from a sequence (0 is "Default"), run ids are
 * 32 hex characters, times are milliseconds since the epoch.
 */
export class MlflowStore1733500000000 implements MigrationInterface {
  name = 'MlflowStore1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SCHEMA IF NOT EXISTS mlflow;

      CREATE TABLE mlflow.experiments (
        experiment_id bigserial PRIMARY KEY,
        name varchar(500) NOT NULL,
        artifact_location text NOT NULL,
        lifecycle_stage varchar(16) NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
        creation_time bigint NOT NULL,
        last_update_time bigint NOT NULL,
        -- Unique across deleted experiments too, as in MLflow: a deleted name is restored, not reused.
        CONSTRAINT uq_experiments_name UNIQUE (name)
      );
      INSERT INTO mlflow.experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
      VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active',
              (extract(epoch from now()) * 1000)::bigint, (extract(epoch from now()) * 1000)::bigint);

      CREATE TABLE mlflow.experiment_tags (
        experiment_id bigint NOT NULL REFERENCES mlflow.experiments (experiment_id) ON DELETE CASCADE,
        key varchar(250) NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (experiment_id, key)
      );

      CREATE TABLE mlflow.runs (
        run_uuid varchar(32) PRIMARY KEY,
        name varchar(250) NOT NULL,
        experiment_id bigint NOT NULL REFERENCES mlflow.experiments (experiment_id),
        user_id varchar(256),
        status varchar(16) NOT NULL CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
        start_time bigint NOT NULL,
        end_time bigint,
        lifecycle_stage varchar(16) NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
        deleted_time bigint,
        artifact_uri text NOT NULL
      );
      -- The default search order: newest first within experiments.
      CREATE INDEX ix_runs_experiment_start ON mlflow.runs (experiment_id, start_time DESC, run_uuid);

      CREATE TABLE mlflow.params (
        run_uuid varchar(32) NOT NULL REFERENCES mlflow.runs (run_uuid) ON DELETE CASCADE,
        key varchar(250) NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (run_uuid, key)
      );

      CREATE TABLE mlflow.tags (
        run_uuid varchar(32) NOT NULL REFERENCES mlflow.runs (run_uuid) ON DELETE CASCADE,
        key varchar(250) NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (run_uuid, key)
      );

      -- Every logged point. The key is the whole point, so a retried request stores it once
      -- (ON CONFLICT DO NOTHING) and the history reads in (step, timestamp) order off the index.
      CREATE TABLE mlflow.metrics (
        run_uuid varchar(32) NOT NULL REFERENCES mlflow.runs (run_uuid) ON DELETE CASCADE,
        key varchar(250) NOT NULL,
        step bigint NOT NULL,
        timestamp bigint NOT NULL,
        value double precision NOT NULL,
        PRIMARY KEY (run_uuid, key, step, timestamp, value)
      );

      -- The value runs/get shows and search filters on: the point with the highest (step, timestamp, value).
      CREATE TABLE mlflow.latest_metrics (
        run_uuid varchar(32) NOT NULL REFERENCES mlflow.runs (run_uuid) ON DELETE CASCADE,
        key varchar(250) NOT NULL,
        step bigint NOT NULL,
        timestamp bigint NOT NULL,
        value double precision NOT NULL,
        PRIMARY KEY (run_uuid, key)
      );
      CREATE INDEX ix_latest_metrics_key_value ON mlflow.latest_metrics (key, value);

      CREATE TABLE mlflow.run_inputs (
        run_uuid varchar(32) NOT NULL REFERENCES mlflow.runs (run_uuid) ON DELETE CASCADE,
        dataset_name varchar(500) NOT NULL,
        dataset_digest varchar(36) NOT NULL,
        dataset jsonb NOT NULL,
        tags jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (run_uuid, dataset_name, dataset_digest)
      );

      CREATE TABLE mlflow.registered_models (
        name varchar(256) PRIMARY KEY,
        creation_time bigint NOT NULL,
        last_updated_time bigint NOT NULL,
        description text,
        user_id varchar(256),
        -- Highest version number ever handed out: deleted versions are never renumbered.
        last_version integer NOT NULL DEFAULT 0
      );

      CREATE TABLE mlflow.registered_model_tags (
        name varchar(256) NOT NULL REFERENCES mlflow.registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
        key varchar(250) NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (name, key)
      );

      CREATE TABLE mlflow.model_versions (
        name varchar(256) NOT NULL REFERENCES mlflow.registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        creation_time bigint NOT NULL,
        last_updated_time bigint NOT NULL,
        description text,
        user_id varchar(256),
        current_stage varchar(20) NOT NULL DEFAULT 'None' CHECK (current_stage IN ('None', 'Staging', 'Production', 'Archived')),
        source text NOT NULL,
        run_id varchar(32),
        run_link text,
        status varchar(20) NOT NULL DEFAULT 'READY',
        status_message text,
        PRIMARY KEY (name, version)
      );
      CREATE INDEX ix_model_versions_run_id ON mlflow.model_versions (run_id);

      CREATE TABLE mlflow.model_version_tags (
        name varchar(256) NOT NULL,
        version integer NOT NULL,
        key varchar(250) NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (name, version, key),
        FOREIGN KEY (name, version) REFERENCES mlflow.model_versions (name, version) ON UPDATE CASCADE ON DELETE CASCADE
      );

      -- Only through model_versions (not also to registered_models): one cascade path per row keeps
      -- a rename a single, ordered chain of updates.
      CREATE TABLE mlflow.registered_model_aliases (
        name varchar(256) NOT NULL,
        alias varchar(255) NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (name, alias),
        FOREIGN KEY (name, version) REFERENCES mlflow.model_versions (name, version) ON UPDATE CASCADE ON DELETE CASCADE
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Tables only: the schema also holds this store's migrations table.
    for (const table of [
      'registered_model_aliases',
      'model_version_tags',
      'model_versions',
      'registered_model_tags',
      'registered_models',
      'run_inputs',
      'latest_metrics',
      'metrics',
      'tags',
      'params',
      'runs',
      'experiment_tags',
      'experiments',
    ]) {
      await q.query(`DROP TABLE IF EXISTS mlflow.${table}`);
    }
  }
}
