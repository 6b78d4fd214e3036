import { MlflowError } from '../common/mlflow-error';
import { parseOrderBy } from '../common/order-by.parser';
import { FilterClause, parseSearchFilter } from '../common/search-filter.parser';
import { SqlParams, comparison } from '../common/sql-params';

export interface RunSearchInput {
  experimentIds: string[];
  lifecycleStages: string[];
  filter?: string;
  orderBy: string[];
  offset: number;
  /** Rows to fetch (a page plus one, to know whether there is a next page). */
  limit: number;
}

const STRING_ATTRIBUTES: Record<string, string> = {
  status: 'r.status',
  run_name: 'r.name',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  run_id: 'r.run_uuid',
  run_uuid: 'r.run_uuid',
  lifecycle_stage: 'r.lifecycle_stage',
};

const NUMERIC_ATTRIBUTES: Record<string, string> = {
  start_time: 'r.start_time',
  end_time: 'r.end_time',
  created: 'r.start_time',
};

const ORDERABLE_ATTRIBUTES: Record<string, string> = {
  ...STRING_ATTRIBUTES,
  ...NUMERIC_ATTRIBUTES,
  experiment_id: 'r.experiment_id',
};

const NUMERIC_OPS = ['=', '!=', '>', '>=', '<', '<='];
const STRING_OPS = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

function condition(c: FilterClause, p: SqlParams): string {
  switch (c.entity) {
    case 'metric':
      if (typeof c.value !== 'number' || !NUMERIC_OPS.includes(c.comparator)) {
        throw MlflowError.invalidParameter(`Invalid clause for metric '${c.key}': expected a numeric comparison (=, !=, >, >=, <, <=) with a number`);
      }
      return `EXISTS (SELECT 1 FROM mlflow.latest_metrics m WHERE m.run_uuid = r.run_uuid AND m.key = ${p.add(c.key)} AND ${comparison('m.value', c.comparator, c.value, p)})`;
    case 'param':
    case 'tag': {
      if (typeof c.value === 'number' || !STRING_OPS.includes(c.comparator)) {
        throw MlflowError.invalidParameter(`Invalid clause for ${c.entity} '${c.key}': expected a string comparison (=, !=, LIKE, ILIKE, IN) with a quoted value`);
      }
      const table = c.entity === 'param' ? 'mlflow.params' : 'mlflow.tags';
      return `EXISTS (SELECT 1 FROM ${table} x WHERE x.run_uuid = r.run_uuid AND x.key = ${p.add(c.key)} AND ${comparison('x.value', c.comparator, c.value, p)})`;
    }
    case 'attribute': {
      const numeric = NUMERIC_ATTRIBUTES[c.key];
      if (numeric) {
        if (typeof c.value !== 'number' || !NUMERIC_OPS.includes(c.comparator)) {
          throw MlflowError.invalidParameter(`Invalid clause for attribute '${c.key}': expected a numeric comparison with a number`);
        }
        return comparison(numeric, c.comparator, c.value, p);
      }
      const column = STRING_ATTRIBUTES[c.key];
      if (!column) {
        throw MlflowError.invalidParameter(
          `Invalid attribute key '${c.key}' specified. Valid keys are '${[...Object.keys(STRING_ATTRIBUTES), ...Object.keys(NUMERIC_ATTRIBUTES)].join("', '")}'`,
        );
      }
      if (typeof c.value === 'number' || !STRING_OPS.includes(c.comparator)) {
        throw MlflowError.invalidParameter(`Invalid clause for attribute '${c.key}': expected a string comparison with a quoted value`);
      }
      return comparison(column, c.comparator, c.value, p);
    }
    default:
      throw MlflowError.invalidParameter(`Filtering on ${c.entity}s is not supported by this server`);
  }
}

/**
 * SQL for runs/search: the filter's clauses become EXISTS sub-queries (a run without the metric,
 * param or tag never matches, as in MLflow), order_by clauses sort with NULLs last, and the default
 * order is newest start_time first, run id as the tie-break so pages never overlap.
 */
export function buildRunSearchQuery(input: RunSearchInput): { text: string; values: unknown[] } {
  const p = new SqlParams();
  const where = [`r.experiment_id = ANY(${p.add(input.experimentIds)}::bigint[])`, `r.lifecycle_stage = ANY(${p.add(input.lifecycleStages)})`];
  for (const clause of parseSearchFilter(input.filter)) where.push(condition(clause, p));

  const order = parseOrderBy(input.orderBy).map((o) => {
    const dir = o.ascending ? 'ASC' : 'DESC';
    switch (o.entity) {
      case 'metric':
        return `(SELECT m.value FROM mlflow.latest_metrics m WHERE m.run_uuid = r.run_uuid AND m.key = ${p.add(o.key)}) ${dir} NULLS LAST`;
      case 'param':
        return `(SELECT x.value FROM mlflow.params x WHERE x.run_uuid = r.run_uuid AND x.key = ${p.add(o.key)}) ${dir} NULLS LAST`;
      case 'tag':
        return `(SELECT x.value FROM mlflow.tags x WHERE x.run_uuid = r.run_uuid AND x.key = ${p.add(o.key)}) ${dir} NULLS LAST`;
      case 'attribute': {
        const column = ORDERABLE_ATTRIBUTES[o.key];
        if (!column) throw MlflowError.invalidParameter(`Invalid order_by attribute '${o.key}'`);
        return `${column} ${dir} NULLS LAST`;
      }
      default:
        throw MlflowError.invalidParameter(`Invalid order_by entity '${o.entity}'`);
    }
  });
  order.push('r.start_time DESC', 'r.run_uuid ASC');

  const text = `SELECT r.* FROM mlflow.runs r WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} OFFSET ${p.add(input.offset)} LIMIT ${p.add(input.limit)}`;
  return { text, values: p.values };
}
