import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  MAX_EXPERIMENT_NAME_LENGTH,
  MAX_EXPERIMENT_TAG_VAL_LENGTH,
  MlflowExperiment,
  MlflowKeyValue,
  MlflowViewType,
  mlflowArtifactsPath,
} from '@predictiondex/mlflow-client';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isUniqueViolation, validateEntityName, validateLength } from '../common/entity-validation';
import { MlflowError } from '../common/mlflow-error';
import { pushTo } from '../common/multi-map';
import { parseOrderBy } from '../common/order-by.parser';
import { decodePageToken, pageOf } from '../common/page-token';
import { parseSearchFilter } from '../common/search-filter.parser';
import { SqlParams, comparison } from '../common/sql-params';
import { isSafeArtifactPath } from '../artifacts/artifact-path';
import { ExperimentEntity, ExperimentTagEntity } from '../store/entities';
import { RunStateCache } from '../store/run-state.cache';
import { SearchExperimentsDto } from './dto/experiments.dto';
import { toExperimentJson } from './experiment.mapper';

export const DEFAULT_EXPERIMENT_ID = '0';

const ORDERABLE: Record<string, string> = {
  name: 'e.name',
  experiment_id: 'e.experiment_id',
  creation_time: 'e.creation_time',
  last_update_time: 'e.last_update_time',
};

const NUMERIC_ATTRIBUTES: Record<string, string> = { creation_time: 'e.creation_time', last_update_time: 'e.last_update_time' };

export function stagesFor(viewType: MlflowViewType): string[] {
  return viewType === 'ACTIVE_ONLY' ? ['active'] : viewType === 'DELETED_ONLY' ? ['deleted'] : ['active', 'deleted'];
}

@Injectable()
export class ExperimentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ExperimentEntity) private readonly experiments: Repository<ExperimentEntity>,
    @InjectRepository(ExperimentTagEntity) private readonly tags: Repository<ExperimentTagEntity>,
    private readonly runStates: RunStateCache,
  ) {}

  async create(name: string, artifactLocation: string | undefined, tags: MlflowKeyValue[]): Promise<string> {
    if (!name) throw MlflowError.invalidParameter(`Invalid experiment name: '${name}'`);
    if (name.length > MAX_EXPERIMENT_NAME_LENGTH) {
      throw MlflowError.invalidParameter(`Experiment name exceeds the maximum length of ${MAX_EXPERIMENT_NAME_LENGTH} characters`);
    }
    if (artifactLocation !== undefined) this.validateArtifactLocation(artifactLocation);
    for (const t of tags) this.validateTag(t.key, t.value);
    const now = Date.now();
    try {
      return await this.db.transaction(async (em) => {
        const rows: { experiment_id: string }[] = await em.query(
          `WITH id AS (SELECT nextval(pg_get_serial_sequence('mlflow.experiments', 'experiment_id')) AS v)
           INSERT INTO mlflow.experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
           SELECT v, $1, COALESCE($2, 'mlflow-artifacts:/' || v), 'active', $3, $3 FROM id
           RETURNING experiment_id`,
          [name, artifactLocation ?? null, now],
        );
        const id = rows[0].experiment_id;
        await this.upsertTags(em, id, tags);
        return String(id);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw MlflowError.alreadyExists(`Experiment(name=${name}) already exists.`);
      throw e;
    }
  }

  async get(experimentId: string): Promise<MlflowExperiment> {
    return this.toJson(await this.require(experimentId));
  }

  async getByName(name: string): Promise<MlflowExperiment> {
    const e = await this.experiments.findOneBy({ name });
    if (!e) throw MlflowError.notFound(`Could not find experiment with name '${name}'`);
    return this.toJson(e);
  }

  async search(q: SearchExperimentsDto): Promise<{ experiments: MlflowExperiment[]; next_page_token?: string }> {
    const params = new SqlParams();
    const where = [`e.lifecycle_stage = ANY(${params.add(stagesFor(q.view_type))})`];
    for (const c of parseSearchFilter(q.filter)) {
      if (c.entity === 'tag') {
        if (typeof c.value === 'number' || !['=', '!=', 'LIKE', 'ILIKE'].includes(c.comparator)) {
          throw MlflowError.invalidParameter(`Invalid comparator '${c.comparator}' for tag '${c.key}': use =, !=, LIKE or ILIKE with a string`);
        }
        where.push(
          `EXISTS (SELECT 1 FROM mlflow.experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ${params.add(c.key)} AND ${comparison('t.value', c.comparator, c.value, params)})`,
        );
      } else if (c.entity === 'attribute' && c.key === 'name') {
        if (typeof c.value !== 'string' || !['=', '!=', 'LIKE', 'ILIKE'].includes(c.comparator)) {
          throw MlflowError.invalidParameter(`Invalid comparator '${c.comparator}' for attribute 'name': use =, !=, LIKE or ILIKE with a string`);
        }
        where.push(comparison('e.name', c.comparator, c.value, params));
      } else if (c.entity === 'attribute' && NUMERIC_ATTRIBUTES[c.key]) {
        if (typeof c.value !== 'number' || !['=', '!=', '>', '>=', '<', '<='].includes(c.comparator)) {
          throw MlflowError.invalidParameter(`Invalid comparison for attribute '${c.key}': expected a numeric comparison`);
        }
        where.push(comparison(NUMERIC_ATTRIBUTES[c.key], c.comparator, c.value, params));
      } else {
        throw MlflowError.invalidParameter(`Invalid attribute key '${c.key}' for experiment search. Valid keys: name, creation_time, last_update_time, tags.<key>`);
      }
    }
    const order = parseOrderBy(q.order_by).map((o) => {
      const column = o.entity === 'attribute' ? ORDERABLE[o.key] : undefined;
      if (!column) throw MlflowError.invalidParameter(`Invalid order_by entity '${o.key}'. Valid keys: ${Object.keys(ORDERABLE).join(', ')}`);
      return `${column} ${o.ascending ? 'ASC' : 'DESC'}`;
    });
    if (!order.length) order.push('e.creation_time DESC');
    order.push('e.experiment_id ASC');
    const offset = decodePageToken(q.page_token);
    const found: ExperimentEntity[] = (
      await this.db.query(
        `SELECT e.* FROM mlflow.experiments e WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} OFFSET ${params.add(offset)} LIMIT ${params.add(q.max_results + 1)}`,
        params.values,
      )
    ).map((r: Record<string, unknown>) => this.experiments.create(this.fromRow(r)));
    const page = pageOf(found, offset, q.max_results);
    const tagsById = await this.tagsFor(page.items.map((e) => e.experimentId));
    return {
      experiments: page.items.map((e) => toExperimentJson(e, tagsById.get(String(e.experimentId)) ?? [])),
      ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
    };
  }

  async rename(experimentId: string, newName: string | undefined): Promise<void> {
    const e = await this.require(experimentId);
    if (!newName) throw MlflowError.invalidParameter(`Invalid experiment name: '${newName ?? ''}'`);
    if (e.lifecycleStage !== 'active') throw MlflowError.invalidParameter('Cannot rename a non-active experiment.');
    try {
      await this.experiments.update({ experimentId: e.experimentId }, { name: newName, lastUpdateTime: Date.now() });
    } catch (err) {
      if (isUniqueViolation(err)) throw MlflowError.alreadyExists(`Experiment(name=${newName}) already exists.`);
      throw err;
    }
  }

  /** Marks the experiment and its active runs deleted, with one timestamp so restore can undo exactly that. */
  async delete(experimentId: string): Promise<void> {
    const e = await this.require(experimentId);
    if (String(e.experimentId) === DEFAULT_EXPERIMENT_ID) throw MlflowError.invalidParameter('Cannot delete the default experiment (id 0).');
    if (e.lifecycleStage === 'deleted') return;
    const now = Date.now();
    await this.db.transaction(async (em) => {
      await em.query(`UPDATE mlflow.experiments SET lifecycle_stage = 'deleted', last_update_time = $2 WHERE experiment_id = $1`, [e.experimentId, now]);
      await em.query(
        `UPDATE mlflow.runs SET lifecycle_stage = 'deleted', deleted_time = $2 WHERE experiment_id = $1 AND lifecycle_stage = 'active'`,
        [e.experimentId, now],
      );
    });
    this.runStates.clear();
  }

  async restore(experimentId: string): Promise<void> {
    const e = await this.require(experimentId);
    if (e.lifecycleStage === 'active') throw MlflowError.invalidParameter('Cannot restore an active experiment.');
    await this.db.transaction(async (em) => {
      await em.query(`UPDATE mlflow.experiments SET lifecycle_stage = 'active', last_update_time = $2 WHERE experiment_id = $1`, [e.experimentId, Date.now()]);
      await em.query(
        `UPDATE mlflow.runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE experiment_id = $1 AND lifecycle_stage = 'deleted' AND deleted_time = $2`,
        [e.experimentId, e.lastUpdateTime],
      );
    });
    this.runStates.clear();
  }

  async setTag(experimentId: string, key: string, value: string): Promise<void> {
    const e = await this.requireActive(experimentId);
    this.validateTag(key, value);
    await this.upsertTags(this.db.manager, e.experimentId, [{ key, value }]);
  }

  async deleteTag(experimentId: string, key: string): Promise<void> {
    const e = await this.requireActive(experimentId);
    const res = await this.tags.delete({ experimentId: e.experimentId, key });
    if (!res.affected) throw MlflowError.notFound(`No tag with name: ${key} in experiment with id ${experimentId}`);
  }

  /** The experiment, or RESOURCE_DOES_NOT_EXIST; ids that are not integers cannot exist. */
  async require(experimentId: string): Promise<ExperimentEntity> {
    const e = /^\d{1,18}$/.test(experimentId) ? await this.experiments.findOneBy({ experimentId }) : null;
    if (!e) throw MlflowError.notFound(`No Experiment with id=${experimentId} exists`);
    return e;
  }

  private async requireActive(experimentId: string): Promise<ExperimentEntity> {
    const e = await this.require(experimentId);
    if (e.lifecycleStage !== 'active') {
      throw MlflowError.invalidParameter(`The experiment ${experimentId} must be in the 'active' state. Current state is ${e.lifecycleStage}.`);
    }
    return e;
  }

  private validateTag(key: string, value: string): void {
    validateEntityName('tag', key);
    validateLength('Tag value', MAX_EXPERIMENT_TAG_VAL_LENGTH, value);
  }

  private validateArtifactLocation(location: string): void {
    if (location.startsWith('runs:')) throw MlflowError.invalidParameter(`Artifact location cannot be a runs:/ URI, but found ${location}`);
    const path = mlflowArtifactsPath(location);
    if (path !== undefined && path !== '' && !isSafeArtifactPath(path)) {
      throw MlflowError.invalidParameter(`Invalid artifact location '${location}': the path must stay inside the artifact root`);
    }
  }

  private async upsertTags(em: EntityManager, experimentId: string, tags: MlflowKeyValue[]): Promise<void> {
    if (!tags.length) return;
    const last = new Map(tags.map((t) => [t.key, t.value]));
    await em.query(
      `INSERT INTO mlflow.experiment_tags (experiment_id, key, value)
       SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS t(k, v) ORDER BY k
       ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value`,
      [experimentId, [...last.keys()], [...last.values()]],
    );
  }

  private async tagsFor(ids: string[]): Promise<Map<string, MlflowKeyValue[]>> {
    const out = new Map<string, MlflowKeyValue[]>();
    if (!ids.length) return out;
    const rows: { experiment_id: string; key: string; value: string }[] = await this.db.query(
      `SELECT experiment_id, key, value FROM mlflow.experiment_tags WHERE experiment_id = ANY($1) ORDER BY key`,
      [ids],
    );
    for (const r of rows) {
      pushTo(out, String(r.experiment_id), { key: r.key, value: r.value });
    }
    return out;
  }

  private async toJson(e: ExperimentEntity): Promise<MlflowExperiment> {
    const tags = await this.tagsFor([e.experimentId]);
    return toExperimentJson(e, tags.get(String(e.experimentId)) ?? []);
  }

  private fromRow(r: Record<string, unknown>): Partial<ExperimentEntity> {
    return {
      experimentId: String(r['experiment_id']),
      name: r['name'] as string,
      artifactLocation: r['artifact_location'] as string,
      lifecycleStage: r['lifecycle_stage'] as ExperimentEntity['lifecycleStage'],
      creationTime: Number(r['creation_time']),
      lastUpdateTime: Number(r['last_update_time']),
    };
  }
}
