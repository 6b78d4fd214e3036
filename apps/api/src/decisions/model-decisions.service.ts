import { Injectable } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { DataSource } from 'typeorm';
import { DecisionDto, DecisionOutcome, DecisionPageDto, DecisionsQueryDto } from './dto/decision.dto';

interface DecisionRow {
  id: number;
  created_at: Date;
  kind: 'retrain' | 'rollback';
  model_name: string;
  reasons: string[];
  champion_before: string | null;
  candidate_version: string;
  champion_after: string;
  promoted: boolean;
  explanation: string;
  figures: Record<string, unknown>;
  run_id: string | null;
  total: string;
}

/** The model_decision audit (written by ml-builder: retrain decisions and rollbacks) of the served model, read-only. */
@Injectable()
export class ModelDecisionsService {
  constructor(
    @InjectConfig() private readonly config: ApiConfig,
    private readonly dataSource: DataSource,
  ) {}

  async page(query: DecisionsQueryDto): Promise<DecisionPageDto> {
    const rows: DecisionRow[] = await this.dataSource.query(
      `SELECT id, created_at, kind, model_name, reasons, champion_before, candidate_version, champion_after, promoted, explanation, figures, run_id,
              count(*) OVER () AS total
       FROM model_decision WHERE model_name = $1 AND ($2::text IS NULL OR kind = $2)
       ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [this.config.MODEL_NAME, query.kind ?? null, query.limit, query.offset],
    );
    // With an offset past the end there is no row to carry the count: count apart.
    const total = rows.length
      ? Number(rows[0].total)
      : Number(
          (await this.dataSource.query(`SELECT count(*) AS n FROM model_decision WHERE model_name = $1 AND ($2::text IS NULL OR kind = $2)`, [this.config.MODEL_NAME, query.kind ?? null]))[0].n,
        );
    return { items: rows.map(toDto), total, limit: query.limit, offset: query.offset };
  }
}

function outcome(r: DecisionRow): DecisionOutcome {
  if (r.kind === 'rollback') return 'rolled-back';
  return r.promoted ? 'promoted' : 'kept-champion';
}

function toDto(r: DecisionRow): DecisionDto {
  return {
    id: r.id,
    created_at: new Date(r.created_at).toISOString(),
    kind: r.kind,
    decision: outcome(r),
    model_name: r.model_name,
    reasons: r.reasons,
    champion_before: r.champion_before,
    candidate_version: r.candidate_version,
    champion_after: r.champion_after,
    promoted: r.promoted,
    explanation: r.explanation,
    figures: r.figures ?? {},
    run_id: r.run_id,
  };
}
