import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH,
  MLFLOW_MODEL_STAGES,
  MlflowKeyValue,
  MlflowModelStage,
  MlflowModelVersion,
  joinArtifactPath,
  mlflowArtifactsPath,
} from '@predictiondex/mlflow-client';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isSafeArtifactPath } from '../artifacts/artifact-path';
import { validateEntityName, validateLength } from '../common/entity-validation';
import { MlflowError } from '../common/mlflow-error';
import { pushTo } from '../common/multi-map';
import { parseOrderBy } from '../common/order-by.parser';
import { decodePageToken, pageOf } from '../common/page-token';
import { parseSearchFilter } from '../common/search-filter.parser';
import { SqlParams, comparison } from '../common/sql-params';
import { RunsService } from '../runs/runs.service';
import { ModelVersionEntity } from '../store/entities';
import { CreateModelVersionDto, SearchModelVersionsDto } from './dto/registry.dto';
import { toModelVersionJson } from './registry.mapper';

/** Stages that can hold "the" current version, the only ones archive_existing_versions applies to. */
const ACTIVE_STAGES: MlflowModelStage[] = ['Staging', 'Production'];

const FILTER_COLUMNS: Record<string, { column: string; numeric?: boolean }> = {
  name: { column: 'v.name' },
  run_id: { column: 'v.run_id' },
  source_path: { column: 'v.source' },
  current_stage: { column: 'v.current_stage' },
  version_number: { column: 'v.version', numeric: true },
};

const ORDER_COLUMNS: Record<string, string> = {
  name: 'v.name',
  version_number: 'v.version',
  creation_timestamp: 'v.creation_time',
  last_updated_timestamp: 'v.last_updated_time',
};

export function canonicalStage(stage: string): MlflowModelStage {
  const found = MLFLOW_MODEL_STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (!found) throw MlflowError.invalidParameter(`Invalid Model Version stage: ${stage}. Value must be one of ${MLFLOW_MODEL_STAGES.join(', ')}.`);
  return found;
}

export function parseVersion(version: string): number {
  if (!/^\d+$/.test(version)) throw MlflowError.invalidParameter(`Model version must be an integer, got '${version}'`);
  return Number(version);
}

export function validateRegistryTag(kind: 'Registered model' | 'Model version', key: string, value: string): void {
  validateEntityName('tag', key);
  validateLength(`${kind} value`, MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH, value);
}

@Injectable()
export class ModelVersionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ModelVersionEntity) private readonly versions: Repository<ModelVersionEntity>,
    private readonly runs: RunsService,
  ) {}

  /**
   * Versions count from 1 per model and are never reused: the model row is locked while the next
   * number is taken, so concurrent registrations get consecutive numbers.
   */
  async create(dto: CreateModelVersionDto, user: string | undefined): Promise<MlflowModelVersion> {
    if (!dto.name) throw MlflowError.invalidParameter('Registered model name cannot be empty.');
    if (!dto.source) throw MlflowError.invalidParameter("Missing value for required parameter 'source'.");
    const artifactPath = mlflowArtifactsPath(dto.source);
    if (artifactPath !== undefined && !isSafeArtifactPath(artifactPath)) {
      throw MlflowError.invalidParameter(`Invalid model version source '${dto.source}': the path must stay inside the artifact root`);
    }
    if (dto.run_id) await this.runs.state(dto.run_id);
    for (const t of dto.tags) validateRegistryTag('Model version', t.key, t.value);
    const now = Date.now();
    const created = await this.db.transaction(async (em) => {
      const locked: { last_version: number }[] = await em.query(`SELECT last_version FROM mlflow.registered_models WHERE name = $1 FOR UPDATE`, [dto.name]);
      if (!locked[0]) throw MlflowError.notFound(`Registered Model with name=${dto.name} not found`);
      const version = locked[0].last_version + 1;
      await em.query(`UPDATE mlflow.registered_models SET last_version = $2, last_updated_time = $3 WHERE name = $1`, [dto.name, version, now]);
      await em.query(
        `INSERT INTO mlflow.model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, run_id, run_link, status)
         VALUES ($1, $2, $3, $3, $4, $5, 'None', $6, $7, $8, 'READY')`,
        [dto.name, version, now, dto.description ?? null, user ?? null, dto.source, dto.run_id || null, dto.run_link || null],
      );
      await this.upsertTags(em, dto.name, version, dto.tags);
      return version;
    });
    return this.get(dto.name, String(created));
  }

  async get(name: string, version: string): Promise<MlflowModelVersion> {
    const [json] = await this.hydrate([await this.require(name, version)]);
    return json;
  }

  async update(name: string, version: string, description: string | undefined): Promise<MlflowModelVersion> {
    const v = await this.require(name, version);
    await this.touch(this.db.manager, name, v.version, description !== undefined ? { description } : {});
    return this.get(name, version);
  }

  async delete(name: string, version: string): Promise<void> {
    const v = await this.require(name, version);
    await this.db.transaction(async (em) => {
      // Tags and aliases go with it (ON DELETE CASCADE), as in MLflow.
      await em.query(`DELETE FROM mlflow.model_versions WHERE name = $1 AND version = $2`, [name, v.version]);
      await em.query(`UPDATE mlflow.registered_models SET last_updated_time = $2 WHERE name = $1`, [name, Date.now()]);
    });
  }

  async transitionStage(name: string, version: string, stage: string, archiveExisting: boolean): Promise<MlflowModelVersion> {
    const target = canonicalStage(stage);
    if (archiveExisting && !ACTIVE_STAGES.includes(target)) {
      throw MlflowError.invalidParameter(`Model version transition cannot archive existing model versions because '${target}' is not an Active stage. Valid stages are ${ACTIVE_STAGES.join(', ')}`);
    }
    const v = await this.require(name, version);
    const now = Date.now();
    await this.db.transaction(async (em) => {
      if (archiveExisting) {
        await em.query(
          `UPDATE mlflow.model_versions SET current_stage = 'Archived', last_updated_time = $4 WHERE name = $1 AND current_stage = $2 AND version <> $3`,
          [name, target, v.version, now],
        );
      }
      await this.touch(em, name, v.version, { currentStage: target });
    });
    return this.get(name, version);
  }

  async setTag(name: string, version: string, key: string, value: string): Promise<void> {
    validateRegistryTag('Model version', key, value);
    const v = await this.require(name, version);
    await this.upsertTags(this.db.manager, name, v.version, [{ key, value }]);
  }

  async deleteTag(name: string, version: string, key: string): Promise<void> {
    const v = await this.require(name, version);
    const [, affected]: [unknown, number] = await this.db.query(`DELETE FROM mlflow.model_version_tags WHERE name = $1 AND version = $2 AND key = $3`, [
      name,
      v.version,
      key,
    ]);
    if (!affected) throw MlflowError.notFound(`No tag with key '${key}' on model version (name=${name}, version=${version})`);
  }

  /** Where the version's files are: `runs:/<run>/<path>` resolved against the run's artifact URI. */
  async downloadUri(name: string, version: string): Promise<string> {
    const v = await this.require(name, version);
    const match = /^runs:\/([^/]+)\/?(.*)$/.exec(v.source);
    if (!match) return v.source;
    const run = await this.runs.state(match[1]);
    const path = joinArtifactPath(match[2]);
    return path ? `${run.artifactUri.replace(/\/+$/, '')}/${path}` : run.artifactUri;
  }

  async search(q: SearchModelVersionsDto): Promise<{ model_versions: MlflowModelVersion[]; next_page_token?: string }> {
    const p = new SqlParams();
    const where = ['TRUE'];
    for (const c of parseSearchFilter(q.filter)) {
      if (c.entity === 'tag') {
        if (typeof c.value === 'number') throw MlflowError.invalidParameter(`Invalid filter on tag '${c.key}': expected a quoted string`);
        where.push(
          `EXISTS (SELECT 1 FROM mlflow.model_version_tags t WHERE t.name = v.name AND t.version = v.version AND t.key = ${p.add(c.key)} AND ${comparison('t.value', c.comparator, c.value, p)})`,
        );
        continue;
      }
      const column = c.entity === 'attribute' ? FILTER_COLUMNS[c.key] : undefined;
      if (!column) throw MlflowError.invalidParameter(`Invalid attribute name '${c.key}'. Valid attributes: ${Object.keys(FILTER_COLUMNS).join(', ')}, tags.<key>`);
      if (column.numeric) {
        const value = typeof c.value === 'string' && /^\d+$/.test(c.value) ? Number(c.value) : c.value;
        if (typeof value !== 'number' || !['=', '!=', '>', '>=', '<', '<='].includes(c.comparator)) {
          throw MlflowError.invalidParameter(`Invalid filter on '${c.key}': expected a numeric comparison`);
        }
        where.push(comparison(column.column, c.comparator, value, p));
      } else {
        if (typeof c.value === 'number') throw MlflowError.invalidParameter(`Invalid filter on '${c.key}': expected a quoted string`);
        where.push(comparison(column.column, c.comparator, c.value, p));
      }
    }
    const order = parseOrderBy(q.order_by).map((o) => {
      const column = o.entity === 'attribute' ? ORDER_COLUMNS[o.key] : undefined;
      if (!column) throw MlflowError.invalidParameter(`Invalid order_by key '${o.key}'. Valid keys: ${Object.keys(ORDER_COLUMNS).join(', ')}`);
      return `${column} ${o.ascending ? 'ASC' : 'DESC'}`;
    });
    if (!order.length) order.push('v.last_updated_time DESC');
    order.push('v.name ASC', 'v.version DESC');
    const offset = decodePageToken(q.page_token);
    const rows: ModelVersionEntity[] = (
      await this.db.query(
        `SELECT v.* FROM mlflow.model_versions v WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} OFFSET ${p.add(offset)} LIMIT ${p.add(q.max_results + 1)}`,
        p.values,
      )
    ).map((r: Record<string, unknown>) => this.fromRow(r));
    const page = pageOf(rows, offset, q.max_results);
    return { model_versions: await this.hydrate(page.items), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  }

  /** The newest version in each stage (all stages, or the ones asked for) of each model. */
  async latestVersions(names: string[], stages?: string[]): Promise<Map<string, MlflowModelVersion[]>> {
    const out = new Map<string, MlflowModelVersion[]>(names.map((n) => [n, []]));
    if (!names.length) return out;
    const wanted = stages?.length ? stages.map(canonicalStage) : null;
    const rows: ModelVersionEntity[] = (
      await this.db.query(
        `SELECT DISTINCT ON (name, current_stage) * FROM mlflow.model_versions
         WHERE name = ANY($1) AND ($2::text[] IS NULL OR current_stage = ANY($2))
         ORDER BY name, current_stage, version DESC`,
        [names, wanted],
      )
    ).map((r: Record<string, unknown>) => this.fromRow(r));
    const stageOrder = (s: string) => MLFLOW_MODEL_STAGES.indexOf(s as MlflowModelStage);
    rows.sort((a, b) => stageOrder(a.currentStage) - stageOrder(b.currentStage));
    const hydrated = await this.hydrate(rows);
    hydrated.forEach((json) => pushTo(out, json.name, json));
    return out;
  }

  async require(name: string, version: string): Promise<ModelVersionEntity> {
    const number = parseVersion(version);
    const found = number <= 2_147_483_647 ? await this.versions.findOneBy({ name, version: number }) : null;
    if (!found) throw MlflowError.notFound(`Model Version (name=${name}, version=${version}) not found`);
    return found;
  }

  /** Adds tags and alias names to version rows, two queries for any number of versions. */
  async hydrate(versions: ModelVersionEntity[]): Promise<MlflowModelVersion[]> {
    if (!versions.length) return [];
    const names = versions.map((v) => v.name);
    const numbers = versions.map((v) => v.version);
    const [tags, aliases]: [{ name: string; version: number; key: string; value: string }[], { name: string; version: number; alias: string }[]] =
      await Promise.all([
        this.db.query(
          `SELECT t.name, t.version, t.key, t.value FROM mlflow.model_version_tags t
           JOIN unnest($1::text[], $2::int[]) AS w(name, version) USING (name, version) ORDER BY t.key`,
          [names, numbers],
        ),
        this.db.query(
          `SELECT a.name, a.version, a.alias FROM mlflow.registered_model_aliases a
           JOIN unnest($1::text[], $2::int[]) AS w(name, version) USING (name, version) ORDER BY a.alias`,
          [names, numbers],
        ),
      ]);
    const id = (name: string, version: number) => `${version}\u0000${name}`;
    const tagsOf = new Map<string, MlflowKeyValue[]>();
    for (const t of tags) pushTo(tagsOf, id(t.name, t.version), { key: t.key, value: t.value });
    const aliasesOf = new Map<string, string[]>();
    for (const a of aliases) pushTo(aliasesOf, id(a.name, a.version), a.alias);
    return versions.map((v) => toModelVersionJson(v, tagsOf.get(id(v.name, v.version)) ?? [], aliasesOf.get(id(v.name, v.version)) ?? []));
  }

  private async touch(em: EntityManager, name: string, version: number, changes: Partial<ModelVersionEntity>): Promise<void> {
    const now = Date.now();
    await em.getRepository(ModelVersionEntity).update({ name, version }, { ...changes, lastUpdatedTime: now });
    await em.query(`UPDATE mlflow.registered_models SET last_updated_time = $2 WHERE name = $1`, [name, now]);
  }

  private async upsertTags(em: EntityManager, name: string, version: number, tags: MlflowKeyValue[]): Promise<void> {
    if (!tags.length) return;
    const last = new Map(tags.map((t) => [t.key, t.value]));
    await em.query(
      `INSERT INTO mlflow.model_version_tags (name, version, key, value)
       SELECT $1, $2, k, v FROM unnest($3::text[], $4::text[]) AS t(k, v) ORDER BY k
       ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value`,
      [name, version, [...last.keys()], [...last.values()]],
    );
  }

  private fromRow(r: Record<string, unknown>): ModelVersionEntity {
    return this.versions.create({
      name: r['name'] as string,
      version: Number(r['version']),
      creationTime: Number(r['creation_time']),
      lastUpdatedTime: Number(r['last_updated_time']),
      description: r['description'] as string | null,
      userId: r['user_id'] as string | null,
      currentStage: r['current_stage'] as MlflowModelStage,
      source: r['source'] as string,
      runId: r['run_id'] as string | null,
      runLink: r['run_link'] as string | null,
      status: r['status'] as ModelVersionEntity['status'],
      statusMessage: r['status_message'] as string | null,
    });
  }
}
