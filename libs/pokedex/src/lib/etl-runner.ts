import type { DataSource } from 'typeorm';
import { dexFingerprint } from './dex-fingerprint';
import { EtlSummary } from './etl-summary';
import { PokedexLoader, POKEDEX_TABLES } from './loader/pokedex-loader';
import { emptyDraft } from './pokedex-draft';
import type { PokedexSource } from './sources/pokedex-source';

/** Arbitrary but fixed: the advisory lock that lets one ETL run at a time across every process. */
export const ETL_ADVISORY_LOCK = 0x50445845; // "PDXE"

export class EtlAlreadyRunningError extends Error {
  constructor() {
    super('another ETL run holds the lock on this database; wait for it to finish');
    this.name = 'EtlAlreadyRunningError';
  }
}

export interface EtlRunOptions {
  force: boolean;
}

/**
 * One ETL run: assemble the draft from every source (network and files, outside any transaction),
 * then load it phase by phase, and record the run. The lock is a session-level advisory lock on a
 * dedicated connection, so a killed process releases it with its connection; the row it left
 * 'running' is closed as abandoned by the next run.
 */
export class EtlRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: PokedexSource[],
  ) {}

  async run(options: EtlRunOptions): Promise<EtlSummary> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }] = await lock.query('SELECT pg_try_advisory_lock($1) AS locked', [ETL_ADVISORY_LOCK]);
      if (!locked) throw new EtlAlreadyRunningError();
      try {
        return await this.runLocked(options);
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [ETL_ADVISORY_LOCK]);
      }
    } finally {
      await lock.release();
    }
  }

  private async runLocked({ force }: EtlRunOptions): Promise<EtlSummary> {
    const started = Date.now();
    await this.dataSource.query(
      `UPDATE etl_run SET status = 'failed', finished_at = now(), error = 'abandoned: the process stopped before finishing' WHERE status = 'running'`,
    );
    const [{ id: runId }] = await this.dataSource.query(`INSERT INTO etl_run (started_at, status, forced) VALUES (now(), 'running', $1) RETURNING id`, [force]);
    const draft = emptyDraft();
    const phaseMs: Record<string, number> = {};
    const summary: EtlSummary = {
      runId,
      status: 'running',
      forced: force,
      sources: this.sources.map((s) => s.name),
      counts: {},
      changes: { total: 0 },
      rejects: 0,
      warnings: draft.warnings,
      dexFingerprint: null,
      durationMs: 0,
      phaseMs,
    };
    try {
      for (const source of this.sources) {
        const t = Date.now();
        await source.apply(draft);
        phaseMs[`source:${source.name}`] = Date.now() - t;
      }
      if (!draft.pokemon.length) throw new Error('the sources produced no Pokémon');
      const changes = await new PokedexLoader(this.dataSource, (phase, ms) => (phaseMs[`load:${phase}`] = ms)).load(draft, force);
      summary.changes = { ...changes, total: Object.values(changes).reduce((a, b) => a + b, 0) };
      summary.dexFingerprint = dexFingerprint(draft);
      summary.rejects = draft.rejects.length;
      summary.counts = await this.rowCounts();
      summary.status = 'succeeded';
      summary.durationMs = Date.now() - started;
      await this.dataSource.transaction(async (em) => {
        for (const r of draft.rejects) {
          await em.query(`INSERT INTO etl_rejects (run_id, source, location, "row", reason) VALUES ($1, $2, $3, $4, $5)`, [runId, r.source, r.location, r.row, r.reason]);
        }
        await em.query(
          `UPDATE etl_run SET status = 'succeeded', finished_at = now(), source_versions = $2, row_counts = $3, changes = $4,
             rejected_rows = $5, warnings = $6, dex_fingerprint = $7 WHERE id = $1`,
          [runId, draft.sourceVersions, summary.counts, summary.changes, summary.rejects, JSON.stringify(draft.warnings), summary.dexFingerprint],
        );
      });
      return summary;
    } catch (e) {
      summary.status = 'failed';
      summary.error = (e as Error).message;
      summary.durationMs = Date.now() - started;
      await this.dataSource.query(`UPDATE etl_run SET status = 'failed', finished_at = now(), error = $2, warnings = $3, source_versions = $4 WHERE id = $1`, [
        runId,
        summary.error,
        JSON.stringify(draft.warnings),
        draft.sourceVersions,
      ]);
      throw Object.assign(e as Error, { summary });
    }
  }

  private async rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of POKEDEX_TABLES) {
      const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = n;
    }
    return counts;
  }
}
