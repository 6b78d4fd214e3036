import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectConfig, UiConfig } from '@predictiondex/config';
import { Pool } from 'pg';
import { BffHttpError, UPSTREAM_MESSAGES } from '../common/bff-http-error';
import { EtlRunSummary } from '../contract/bff-contract';

export const ETL_RUNS_SHOWN = 20;

interface EtlRunRow {
  id: number;
  started_at: Date;
  finished_at: Date | null;
  status: EtlRunSummary['status'];
  forced: boolean;
  source_versions: Record<string, string>;
  row_counts: Record<string, number>;
  changes: Record<string, number>;
  rejected_rows: number;
  warnings: string[];
  dex_fingerprint: string | null;
  error: string | null;
}

export function toEtlRunSummary(row: EtlRunRow): EtlRunSummary {
  return {
    id: row.id,
    status: row.status,
    forced: row.forced,
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
    duration_ms: row.finished_at ? row.finished_at.getTime() - row.started_at.getTime() : null,
    source_versions: row.source_versions ?? {},
    row_counts: row.row_counts ?? {},
    changes: row.changes ?? {},
    rejected_rows: row.rejected_rows,
    warnings: row.warnings ?? [],
    dex_fingerprint: row.dex_fingerprint,
    error: row.error,
  };
}

/**
 * The ETL run history, read straight from the etl_run table: the api has no endpoint for it yet.
 * A read-only data source: every session is `default_transaction_read_only`, with a statement
 * timeout, on a pool of at most two connections opened on first use — the ui never writes, and a
 * slow or absent database costs the Pipeline page an error message, nothing else.
 */
@Injectable()
export class EtlRunsReader implements OnModuleDestroy {
  private readonly logger = new Logger(EtlRunsReader.name);
  private pool?: Pool;

  constructor(@InjectConfig() private readonly config: UiConfig) {}

  private getPool(): Pool {
    this.pool ??= new Pool({
      connectionString: this.config.DATABASE_URL,
      application_name: 'predictiondex-ui (read-only)',
      max: 2,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: this.config.PIPELINE_TIMEOUT_MS,
      options: `-c default_transaction_read_only=on -c statement_timeout=${this.config.PIPELINE_TIMEOUT_MS}`,
    });
    // An idle client losing its connection must not crash the process.
    this.pool.on('error', (e) => this.logger.warn(`database connection lost: ${e.message}`));
    return this.pool;
  }

  async latest(limit = ETL_RUNS_SHOWN): Promise<EtlRunSummary[]> {
    try {
      const { rows } = await this.getPool().query<EtlRunRow>(
        `SELECT id, started_at, finished_at, status, forced, source_versions, row_counts, changes,
                rejected_rows, warnings, dex_fingerprint, error
           FROM etl_run ORDER BY id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toEtlRunSummary);
    } catch (e) {
      this.logger.warn(`etl_run: ${(e as Error).message}`);
      throw new BffHttpError(503, UPSTREAM_MESSAGES.pipelineDatabase, { 'retry-after': '10' });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }
}
