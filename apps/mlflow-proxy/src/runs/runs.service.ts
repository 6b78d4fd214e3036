import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  MAX_ENTITIES_PER_BATCH,
  MAX_METRICS_PER_BATCH,
  MAX_PARAMS_TAGS_PER_BATCH,
  MAX_PARAM_VAL_LENGTH,
  MAX_TAG_VAL_LENGTH,
  MlflowDatasetInput,
  MlflowKeyValue,
  MlflowMetric,
  MlflowRun,
  MlflowRunInfo,
} from '@predictiondex/mlflow-client';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { validateEntityName, validateLength } from '../common/entity-validation';
import { MlflowError } from '../common/mlflow-error';
import { decodePageToken, pageOf } from '../common/page-token';
import { stagesFor } from '../experiments/experiments.service';
import { RunState, RunStateCache } from '../store/run-state.cache';
import { CreateRunDto, LogBatchDto, LogInputsDto, MetricHistoryDto, SearchRunsDto, UpdateRunDto } from './dto/runs.dto';
import { MetricPoint, MetricWriter } from './metric-writer.service';
import { generateRunName } from './run-name.generator';
import { buildRunSearchQuery } from './run-search.query';
import { RunData, RunRow, toRunInfo, toRunJson, toWireDouble } from './run.mapper';

/** The tag MLflow mirrors the run name into; the UI reads either. */
export const RUN_NAME_TAG = 'mlflow.runName';

interface MetricInput {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

function dataOf(all: Map<string, RunData>, runId: string): RunData {
  let data = all.get(runId);
  if (!data) all.set(runId, (data = { metrics: [], params: [], tags: [], inputs: [] }));
  return data;
}

function lastByKey(items: MlflowKeyValue[]): MlflowKeyValue[] {
  return [...new Map(items.map((t) => [t.key, t])).values()];
}

@Injectable()
export class RunsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: MetricWriter,
    private readonly runStates: RunStateCache,
  ) {}

  // ------------------------------------------------------------ lifecycle

  async create(dto: CreateRunDto, userFallback: string | undefined): Promise<MlflowRun> {
    const experimentId = dto.experiment_id ?? '0';
    const rows: { artifact_location: string; lifecycle_stage: string }[] = /^\d{1,18}$/.test(experimentId)
      ? await this.db.query(`SELECT artifact_location, lifecycle_stage FROM mlflow.experiments WHERE experiment_id = $1`, [experimentId])
      : [];
    const experiment = rows[0];
    if (!experiment) throw MlflowError.notFound(`No Experiment with id=${experimentId} exists`);
    if (experiment.lifecycle_stage !== 'active') {
      throw MlflowError.invalidParameter(`The experiment ${experimentId} must be in the 'active' state. Current state is ${experiment.lifecycle_stage}.`);
    }
    const tags = lastByKey(dto.tags);
    for (const t of tags) this.validateTag(t.key, t.value);
    const tagName = tags.find((t) => t.key === RUN_NAME_TAG)?.value;
    if (dto.run_name && tagName && dto.run_name !== tagName) {
      throw MlflowError.invalidParameter(
        `Both 'run_name' argument and '${RUN_NAME_TAG}' tag are specified, but with different values (run_name='${dto.run_name}', ${RUN_NAME_TAG}='${tagName}').`,
      );
    }
    const name = dto.run_name || tagName || generateRunName();
    validateLength('Run name', 250, name);
    if (!tagName) tags.push({ key: RUN_NAME_TAG, value: name });
    const runUuid = randomUUID().replace(/-/g, '');
    const artifactUri = `${experiment.artifact_location.replace(/\/+$/, '')}/${runUuid}/artifacts`;
    const run = await this.db.transaction(async (em) => {
      const inserted: RunRow[] = await em.query(
        `INSERT INTO mlflow.runs (run_uuid, name, experiment_id, user_id, status, start_time, lifecycle_stage, artifact_uri)
         VALUES ($1, $2, $3, $4, 'RUNNING', $5, 'active', $6) RETURNING *`,
        [runUuid, name, experimentId, dto.user_id || userFallback || null, dto.start_time ?? Date.now(), artifactUri],
      );
      await this.upsertTags(em, runUuid, tags);
      return inserted[0];
    });
    return toRunJson(run, { metrics: [], params: [], tags: tags.sort((a, b) => a.key.localeCompare(b.key)), inputs: [] });
  }

  async get(runId: string): Promise<MlflowRun> {
    const run = await this.requireRow(runId);
    const data = await this.loadData([run.run_uuid]);
    return toRunJson(run, dataOf(data, run.run_uuid));
  }

  async update(dto: UpdateRunDto & { run_id: string }): Promise<MlflowRunInfo> {
    await this.requireActive(dto.run_id);
    const run = await this.db.transaction(async (em) => {
      const rows: [RunRow[], number] = await em.query(
        `UPDATE mlflow.runs SET status = COALESCE($2, status), end_time = COALESCE($3, end_time), name = COALESCE($4, name)
         WHERE run_uuid = $1 RETURNING *`,
        [dto.run_id, dto.status ?? null, dto.end_time ?? null, dto.run_name || null],
      );
      if (dto.run_name) await this.upsertTags(em, dto.run_id, [{ key: RUN_NAME_TAG, value: dto.run_name }]);
      return rows[0][0];
    });
    return toRunInfo(run);
  }

  async delete(runId: string): Promise<void> {
    await this.requireRow(runId);
    await this.db.query(`UPDATE mlflow.runs SET lifecycle_stage = 'deleted', deleted_time = $2 WHERE run_uuid = $1 AND lifecycle_stage = 'active'`, [
      runId,
      Date.now(),
    ]);
    this.runStates.invalidate(runId);
  }

  async restore(runId: string): Promise<void> {
    await this.requireRow(runId);
    await this.db.query(`UPDATE mlflow.runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE run_uuid = $1`, [runId]);
    this.runStates.invalidate(runId);
  }

  // ------------------------------------------------------------ logging

  async logMetric(runId: string, metric: MetricInput): Promise<void> {
    this.validateMetric(metric);
    await this.requireActive(runId);
    await this.writer.write([{ runUuid: runId, ...metric }]);
  }

  async logParam(runId: string, key: string, value: string): Promise<void> {
    this.validateParam(key, value);
    await this.requireActive(runId);
    await this.db.transaction((em) => this.insertParams(em, runId, [{ key, value }]));
  }

  /**
   * Params and tags in one transaction (a changed param rolls both back), then the metrics through
   * the group-commit writer. As in MLflow, a failure may leave part of a batch written; every part
   * is idempotent, so retrying the whole batch is safe.
   */
  async logBatch(dto: LogBatchDto & { run_id: string }): Promise<void> {
    const { metrics, params, tags } = dto;
    const limit = (what: string, max: number, n: number) => {
      if (n > max) {
        throw MlflowError.invalidParameter(
          `A batch logging request can contain at most ${max} ${what}. Got ${n} ${what}. Please split up ${what} across multiple requests and try again.`,
        );
      }
    };
    limit('metrics', MAX_METRICS_PER_BATCH, metrics.length);
    limit('params', MAX_PARAMS_TAGS_PER_BATCH, params.length);
    limit('tags', MAX_PARAMS_TAGS_PER_BATCH, tags.length);
    limit('metrics, params, and tags', MAX_ENTITIES_PER_BATCH, metrics.length + params.length + tags.length);
    for (const m of metrics) this.validateMetric(m);
    for (const p of params) this.validateParam(p.key, p.value);
    for (const t of tags) this.validateTag(t.key, t.value);
    const seen = new Map<string, string>();
    for (const p of params) {
      if (seen.has(p.key) && seen.get(p.key) !== p.value) {
        throw MlflowError.invalidParameter(`Duplicate parameter keys have been submitted: ['${p.key}']. Please ensure the request contains only one param value per param key.`);
      }
      seen.set(p.key, p.value);
    }
    await this.requireActive(dto.run_id);
    if (params.length || tags.length) {
      await this.db.transaction(async (em) => {
        await this.insertParams(em, dto.run_id, [...seen].map(([key, value]) => ({ key, value })));
        await this.upsertTags(em, dto.run_id, lastByKey(tags));
      });
    }
    await this.writer.write(metrics.map((m): MetricPoint => ({ runUuid: dto.run_id, ...m })));
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    this.validateTag(key, value);
    await this.requireActive(runId);
    await this.db.transaction((em) => this.upsertTags(em, runId, [{ key, value }]));
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.requireActive(runId);
    const [, affected]: [unknown, number] = await this.db.query(`DELETE FROM mlflow.tags WHERE run_uuid = $1 AND key = $2`, [runId, key]);
    if (!affected) throw MlflowError.notFound(`No tag with name: ${key} in run with id ${runId}`);
  }

  async logInputs(dto: LogInputsDto & { run_id: string }): Promise<void> {
    await this.requireActive(dto.run_id);
    if (!dto.datasets.length) return;
    await this.db.query(
      `INSERT INTO mlflow.run_inputs (run_uuid, dataset_name, dataset_digest, dataset, tags)
       SELECT $1, d->'dataset'->>'name', d->'dataset'->>'digest', d->'dataset', COALESCE(d->'tags', '[]'::jsonb)
       FROM jsonb_array_elements($2::jsonb) AS d
       ON CONFLICT (run_uuid, dataset_name, dataset_digest) DO UPDATE SET tags = excluded.tags, dataset = excluded.dataset`,
      [dto.run_id, JSON.stringify(dto.datasets)],
    );
  }

  // ------------------------------------------------------------ reads

  async search(dto: SearchRunsDto): Promise<{ runs: MlflowRun[]; next_page_token?: string }> {
    for (const id of dto.experiment_ids) {
      if (!/^\d{1,18}$/.test(id)) throw MlflowError.invalidParameter(`Invalid experiment ID: '${id}'`);
    }
    if (!dto.experiment_ids.length) return { runs: [] };
    const offset = decodePageToken(dto.page_token);
    const query = buildRunSearchQuery({
      experimentIds: dto.experiment_ids,
      lifecycleStages: stagesFor(dto.run_view_type),
      filter: dto.filter,
      orderBy: dto.order_by,
      offset,
      limit: dto.max_results + 1,
    });
    const rows: RunRow[] = await this.db.query(query.text, query.values);
    const page = pageOf(rows, offset, dto.max_results);
    const data = await this.loadData(page.items.map((r) => r.run_uuid));
    return {
      runs: page.items.map((r) => toRunJson(r, dataOf(data, r.run_uuid))),
      ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
    };
  }

  async metricHistory(dto: MetricHistoryDto & { run_id: string }): Promise<{ metrics: MlflowMetric[]; next_page_token?: string }> {
    await this.requireRow(dto.run_id);
    const offset = decodePageToken(dto.page_token);
    const max = dto.max_results;
    const rows: { key: string; value: number; timestamp: string; step: string }[] = await this.db.query(
      `SELECT key, value, timestamp, step FROM mlflow.metrics WHERE run_uuid = $1 AND key = $2
       ORDER BY step, timestamp, value OFFSET $3 ${max !== undefined ? 'LIMIT $4' : ''}`,
      max !== undefined ? [dto.run_id, dto.metric_key, offset, max + 1] : [dto.run_id, dto.metric_key, offset],
    );
    const page = max !== undefined ? pageOf(rows, offset, max) : { items: rows };
    return {
      metrics: page.items.map((r) => ({ key: r.key, value: toWireDouble(r.value), timestamp: Number(r.timestamp), step: Number(r.step) })),
      ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
    };
  }

  /** What the artifact and registry endpoints need to know about a run. */
  async state(runId: string): Promise<RunState> {
    const run = await this.requireRow(runId);
    return { experimentId: String(run.experiment_id), lifecycleStage: run.lifecycle_stage, artifactUri: run.artifact_uri };
  }

  // ------------------------------------------------------------ helpers

  private async requireRow(runId: string): Promise<RunRow> {
    if (!runId) throw MlflowError.invalidParameter(`Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.`);
    const rows: RunRow[] = await this.db.query(`SELECT * FROM mlflow.runs WHERE run_uuid = $1`, [runId]);
    if (!rows[0]) throw MlflowError.notFound(`Run with id=${runId} not found`);
    return rows[0];
  }

  /** The logging hot path's only read, served from a short-lived cache. */
  private async requireActive(runId: string): Promise<RunState> {
    let state = this.runStates.get(runId);
    if (!state) {
      state = await this.state(runId);
      this.runStates.set(runId, state);
    }
    if (state.lifecycleStage !== 'active') {
      throw MlflowError.invalidParameter(`The run ${runId} must be in the 'active' state. Current state is ${state.lifecycleStage}.`);
    }
    return state;
  }

  /** Inserts new params; an existing key is fine with the same value and an error with another. */
  private async insertParams(em: EntityManager, runId: string, params: MlflowKeyValue[]): Promise<void> {
    if (!params.length) return;
    const inserted: { key: string }[] = await em.query(
      `INSERT INTO mlflow.params (run_uuid, key, value)
       SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS t(k, v) ORDER BY k
       ON CONFLICT (run_uuid, key) DO NOTHING RETURNING key`,
      [runId, params.map((p) => p.key), params.map((p) => p.value)],
    );
    const fresh = new Set(inserted.map((r) => r.key));
    const existingKeys = params.filter((p) => !fresh.has(p.key)).map((p) => p.key);
    if (!existingKeys.length) return;
    // A new statement, so a value committed by a concurrent request since ours began is seen too.
    const existing: { key: string; value: string }[] = await em.query(`SELECT key, value FROM mlflow.params WHERE run_uuid = $1 AND key = ANY($2)`, [
      runId,
      existingKeys,
    ]);
    const wanted = new Map(params.map((p) => [p.key, p.value]));
    const changed = existing.filter((e) => wanted.get(e.key) !== e.value);
    if (changed.length) {
      const detail = changed.map((c) => `{'key': '${c.key}', 'old_value': '${c.value}', 'new_value': '${wanted.get(c.key)}'}`).join(', ');
      throw MlflowError.invalidParameter(`Changing param values is not allowed. Params were already logged='[${detail}]' for run ID='${runId}'.`);
    }
  }

  private async upsertTags(em: EntityManager, runId: string, tags: MlflowKeyValue[]): Promise<void> {
    if (!tags.length) return;
    await em.query(
      `INSERT INTO mlflow.tags (run_uuid, key, value)
       SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS t(k, v) ORDER BY k
       ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value`,
      [runId, tags.map((t) => t.key), tags.map((t) => t.value)],
    );
    const name = tags.find((t) => t.key === RUN_NAME_TAG)?.value;
    if (name) await em.query(`UPDATE mlflow.runs SET name = $2 WHERE run_uuid = $1`, [runId, name.slice(0, 250)]);
  }

  private async loadData(runIds: string[]): Promise<Map<string, RunData>> {
    const out = new Map<string, RunData>(runIds.map((id) => [id, { metrics: [], params: [], tags: [], inputs: [] }]));
    if (!runIds.length) return out;
    const [metrics, params, tags, inputs]: [
      { run_uuid: string; key: string; value: number; timestamp: string; step: string }[],
      { run_uuid: string; key: string; value: string }[],
      { run_uuid: string; key: string; value: string }[],
      { run_uuid: string; dataset: MlflowDatasetInput['dataset']; tags: MlflowKeyValue[] }[],
    ] = await Promise.all([
      this.db.query(`SELECT run_uuid, key, value, timestamp, step FROM mlflow.latest_metrics WHERE run_uuid = ANY($1) ORDER BY key`, [runIds]),
      this.db.query(`SELECT run_uuid, key, value FROM mlflow.params WHERE run_uuid = ANY($1) ORDER BY key`, [runIds]),
      this.db.query(`SELECT run_uuid, key, value FROM mlflow.tags WHERE run_uuid = ANY($1) ORDER BY key`, [runIds]),
      this.db.query(`SELECT run_uuid, dataset, tags FROM mlflow.run_inputs WHERE run_uuid = ANY($1) ORDER BY dataset_name, dataset_digest`, [runIds]),
    ]);
    for (const m of metrics) {
      dataOf(out, m.run_uuid).metrics.push({ key: m.key, value: toWireDouble(m.value), timestamp: Number(m.timestamp), step: Number(m.step) });
    }
    for (const p of params) dataOf(out, p.run_uuid).params.push({ key: p.key, value: p.value });
    for (const t of tags) dataOf(out, t.run_uuid).tags.push({ key: t.key, value: t.value });
    for (const i of inputs) dataOf(out, i.run_uuid).inputs.push({ tags: i.tags, dataset: i.dataset });
    return out;
  }

  private validateMetric(m: MetricInput): void {
    validateEntityName('metric', m.key);
    if (m.timestamp < 0) {
      throw MlflowError.invalidParameter(`Got invalid timestamp ${m.timestamp} for metric '${m.key}' (value=${m.value}). Timestamp must be a nonnegative long (64-bit integer) `);
    }
  }

  private validateParam(key: string, value: string): void {
    validateEntityName('parameter', key);
    validateLength('Param value', MAX_PARAM_VAL_LENGTH, value);
  }

  private validateTag(key: string, value: string): void {
    validateEntityName('tag', key);
    validateLength('Tag value', MAX_TAG_VAL_LENGTH, value);
  }
}
