import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  MAX_REGISTERED_MODEL_ALIAS_LENGTH,
  MlflowKeyValue,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRegisteredModelAlias,
} from '@predictiondex/mlflow-client';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isUniqueViolation, validateLength } from '../common/entity-validation';
import { MlflowError } from '../common/mlflow-error';
import { parseOrderBy } from '../common/order-by.parser';
import { decodePageToken, pageOf } from '../common/page-token';
import { parseSearchFilter } from '../common/search-filter.parser';
import { SqlParams, comparison } from '../common/sql-params';
import { RegisteredModelEntity } from '../store/entities';
import { SearchRegisteredModelsDto } from './dto/registry.dto';
import { ModelVersionsService, validateRegistryTag } from './model-versions.service';
import { toRegisteredModelJson } from './registry.mapper';

const ORDER_COLUMNS: Record<string, string> = {
  name: 'm.name',
  creation_timestamp: 'm.creation_time',
  last_updated_timestamp: 'm.last_updated_time',
  timestamp: 'm.last_updated_time',
};

/** MLflow's alias rules: word characters and dashes, not `latest`, not a version alias like `v3`. */
export function validateAlias(alias: string): void {
  if (!alias) throw MlflowError.invalidParameter('Registered model alias name cannot be empty.');
  if (!/^[\w-]*$/.test(alias)) {
    throw MlflowError.invalidParameter(`Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`);
  }
  validateLength('Registered model alias name', MAX_REGISTERED_MODEL_ALIAS_LENGTH, alias);
  if (alias.toLowerCase() === 'latest') throw MlflowError.invalidParameter("'latest' alias name (case insensitive) is reserved.");
  if (/^[vV]\d+$/.test(alias)) throw MlflowError.invalidParameter(`Version alias name '${alias}' is reserved.`);
}

@Injectable()
export class RegisteredModelsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(RegisteredModelEntity) private readonly models: Repository<RegisteredModelEntity>,
    private readonly versions: ModelVersionsService,
  ) {}

  async create(name: string, tags: MlflowKeyValue[], description: string | undefined, user: string | undefined): Promise<MlflowRegisteredModel> {
    if (!name) throw MlflowError.invalidParameter('Registered model name cannot be empty.');
    validateLength('Registered model name', 256, name);
    for (const t of tags) validateRegistryTag('Registered model', t.key, t.value);
    const now = Date.now();
    try {
      await this.db.transaction(async (em) => {
        await em.query(
          `INSERT INTO mlflow.registered_models (name, creation_time, last_updated_time, description, user_id) VALUES ($1, $2, $2, $3, $4)`,
          [name, now, description ?? null, user ?? null],
        );
        await this.upsertTags(em, name, tags);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw MlflowError.alreadyExists(`Registered Model (name=${name}) already exists.`);
      throw e;
    }
    return this.get(name);
  }

  async get(name: string): Promise<MlflowRegisteredModel> {
    const [json] = await this.hydrate([await this.require(name)]);
    return json;
  }

  /** Renames the model; versions, tags and aliases follow through ON UPDATE CASCADE. */
  async rename(name: string, newName: string | undefined): Promise<MlflowRegisteredModel> {
    if (!newName) throw MlflowError.invalidParameter('Registered model name cannot be empty.');
    validateLength('Registered model name', 256, newName);
    await this.require(name);
    try {
      await this.db.query(`UPDATE mlflow.registered_models SET name = $2, last_updated_time = $3 WHERE name = $1`, [name, newName, Date.now()]);
    } catch (e) {
      if (isUniqueViolation(e)) throw MlflowError.alreadyExists(`Registered Model (name=${newName}) already exists.`);
      throw e;
    }
    return this.get(newName);
  }

  async update(name: string, description: string | undefined): Promise<MlflowRegisteredModel> {
    await this.require(name);
    await this.models.update({ name }, { ...(description !== undefined ? { description } : {}), lastUpdatedTime: Date.now() });
    return this.get(name);
  }

  async delete(name: string): Promise<void> {
    await this.require(name);
    await this.db.query(`DELETE FROM mlflow.registered_models WHERE name = $1`, [name]);
  }

  async setTag(name: string, key: string, value: string): Promise<void> {
    validateRegistryTag('Registered model', key, value);
    await this.require(name);
    await this.upsertTags(this.db.manager, name, [{ key, value }]);
  }

  async deleteTag(name: string, key: string): Promise<void> {
    await this.require(name);
    const [, affected]: [unknown, number] = await this.db.query(`DELETE FROM mlflow.registered_model_tags WHERE name = $1 AND key = $2`, [name, key]);
    if (!affected) throw MlflowError.notFound(`No tag with key '${key}' on registered model '${name}'`);
  }

  /** Points the alias at a version, moving it if it pointed elsewhere. */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    validateAlias(alias);
    const v = await this.versions.require(name, version);
    await this.db.query(
      `INSERT INTO mlflow.registered_model_aliases (name, alias, version) VALUES ($1, $2, $3)
       ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version`,
      [name, alias, v.version],
    );
    await this.models.update({ name }, { lastUpdatedTime: Date.now() });
  }

  /** Removing an alias that is not set succeeds, as in MLflow. */
  async deleteAlias(name: string, alias: string): Promise<void> {
    validateAlias(alias);
    await this.require(name);
    await this.db.query(`DELETE FROM mlflow.registered_model_aliases WHERE name = $1 AND alias = $2`, [name, alias]);
  }

  async versionByAlias(name: string, alias: string): Promise<MlflowModelVersion> {
    await this.require(name);
    const rows: { version: number }[] = await this.db.query(`SELECT version FROM mlflow.registered_model_aliases WHERE name = $1 AND alias = $2`, [name, alias]);
    if (!rows[0]) throw MlflowError.notFound(`Registered model alias ${alias} not found.`);
    return this.versions.get(name, String(rows[0].version));
  }

  async latestVersions(name: string, stages: string[]): Promise<MlflowModelVersion[]> {
    await this.require(name);
    return (await this.versions.latestVersions([name], stages)).get(name) ?? [];
  }

  async search(q: SearchRegisteredModelsDto): Promise<{ registered_models: MlflowRegisteredModel[]; next_page_token?: string }> {
    const p = new SqlParams();
    const where = ['TRUE'];
    for (const c of parseSearchFilter(q.filter)) {
      if (typeof c.value === 'number' || !['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'].includes(c.comparator)) {
        throw MlflowError.invalidParameter(`Invalid filter on '${c.key}': expected =, !=, LIKE or ILIKE with a quoted string`);
      }
      if (c.entity === 'tag') {
        where.push(
          `EXISTS (SELECT 1 FROM mlflow.registered_model_tags t WHERE t.name = m.name AND t.key = ${p.add(c.key)} AND ${comparison('t.value', c.comparator, c.value, p)})`,
        );
      } else if (c.entity === 'attribute' && c.key === 'name') {
        where.push(comparison('m.name', c.comparator, c.value, p));
      } else {
        throw MlflowError.invalidParameter(`Invalid attribute key '${c.key}' for registered model search. Valid keys: name, tags.<key>`);
      }
    }
    const order = parseOrderBy(q.order_by).map((o) => {
      const column = o.entity === 'attribute' ? ORDER_COLUMNS[o.key] : undefined;
      if (!column) throw MlflowError.invalidParameter(`Invalid order by key '${o.key}' specified. Valid keys are 'name', 'creation_timestamp', 'last_updated_timestamp'`);
      return `${column} ${o.ascending ? 'ASC' : 'DESC'}`;
    });
    order.push('m.name ASC');
    const offset = decodePageToken(q.page_token);
    const rows: RegisteredModelEntity[] = (
      await this.db.query(
        `SELECT m.* FROM mlflow.registered_models m WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} OFFSET ${p.add(offset)} LIMIT ${p.add(q.max_results + 1)}`,
        p.values,
      )
    ).map((r: Record<string, unknown>) =>
      this.models.create({
        name: r['name'] as string,
        creationTime: Number(r['creation_time']),
        lastUpdatedTime: Number(r['last_updated_time']),
        description: r['description'] as string | null,
        userId: r['user_id'] as string | null,
        lastVersion: Number(r['last_version']),
      }),
    );
    const page = pageOf(rows, offset, q.max_results);
    return { registered_models: await this.hydrate(page.items), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  }

  private async require(name: string): Promise<RegisteredModelEntity> {
    if (!name) throw MlflowError.invalidParameter('Registered model name cannot be empty.');
    const found = await this.models.findOneBy({ name });
    if (!found) throw MlflowError.notFound(`Registered Model with name=${name} not found`);
    return found;
  }

  private async hydrate(models: RegisteredModelEntity[]): Promise<MlflowRegisteredModel[]> {
    if (!models.length) return [];
    const names = models.map((m) => m.name);
    const [tags, aliases, latest]: [
      { name: string; key: string; value: string }[],
      { name: string; alias: string; version: number }[],
      Map<string, MlflowModelVersion[]>,
    ] = await Promise.all([
      this.db.query(`SELECT name, key, value FROM mlflow.registered_model_tags WHERE name = ANY($1) ORDER BY key`, [names]),
      this.db.query(`SELECT name, alias, version FROM mlflow.registered_model_aliases WHERE name = ANY($1) ORDER BY alias`, [names]),
      this.versions.latestVersions(names),
    ]);
    return models.map((m) => {
      const t: MlflowKeyValue[] = tags.filter((x) => x.name === m.name).map((x) => ({ key: x.key, value: x.value }));
      const a: MlflowRegisteredModelAlias[] = aliases.filter((x) => x.name === m.name).map((x) => ({ alias: x.alias, version: String(x.version) }));
      return toRegisteredModelJson(m, t, a, latest.get(m.name) ?? []);
    });
  }

  private async upsertTags(em: EntityManager, name: string, tags: MlflowKeyValue[]): Promise<void> {
    if (!tags.length) return;
    const last = new Map(tags.map((t) => [t.key, t.value]));
    await em.query(
      `INSERT INTO mlflow.registered_model_tags (name, key, value)
       SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS t(k, v) ORDER BY k
       ON CONFLICT (name, key) DO UPDATE SET value = excluded.value`,
      [name, [...last.keys()], [...last.values()]],
    );
  }
}
