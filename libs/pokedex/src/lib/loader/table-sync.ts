import type { EntityManager } from 'typeorm';

export interface SyncColumn {
  name: string;
  /** PostgreSQL element type of the array the values travel in ('int', 'text', 'real', 'bool', 'smallint'). */
  pgType: string;
  /** SQL turning the transported value `u.<name>` into the stored one, when they differ (text[] travels as text). */
  fromTransport?: (ref: string) => string;
}

export interface TableSyncSpec {
  table: string;
  key: string[];
  columns: SyncColumn[];
  rows: unknown[][];
  /** Rewrite every row even when unchanged. */
  force: boolean;
  /** Delete rows whose key is not in `rows`. */
  deleteMissing: boolean;
}

export interface TableSyncResult {
  inserted: number;
  updated: number;
  deleted: number;
}

const q = (name: string) => `"${name}"`;

/** Rows affected by a statement. TypeORM's plain query() answers UPDATE/DELETE with [rows, count], so ask for the structured result. */
async function affected(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  if (!em.queryRunner) throw new Error('syncTable must run inside a transaction');
  const result = await em.queryRunner.query(sql, params, true);
  return result.affected ?? result.records.length;
}

/**
 * Makes a table hold exactly `rows`, set-based (three statements whatever the row count), touching
 * only rows that differ: an unchanged input leaves the table, its sequences and its dead tuples
 * alone. Rows travel as one array per column through unnest, in input order, so new rows get ids in
 * that order.
 */
export async function syncTable(em: EntityManager, spec: TableSyncSpec): Promise<TableSyncResult> {
  const { table, key, columns } = spec;
  const params = columns.map((c, i) => spec.rows.map((r) => r[i]));
  const unnest = `unnest(${columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ')}) WITH ORDINALITY AS u(${columns.map((c) => q(c.name)).join(', ')}, ord)`;
  const value = (c: SyncColumn) => (c.fromTransport ? c.fromTransport(`u.${q(c.name)}`) : `u.${q(c.name)}`);
  const keyMatch = key.map((k) => `t.${q(k)} = u.${q(k)}`).join(' AND ');
  const nonKey = columns.filter((c) => !key.includes(c.name));

  let updated = 0;
  if (nonKey.length) {
    const distinct = spec.force
      ? ''
      : ` AND (${nonKey.map((c) => `t.${q(c.name)}`).join(', ')}) IS DISTINCT FROM (${nonKey.map(value).join(', ')})`;
    updated = await affected(
      em,
      `UPDATE ${q(table)} AS t SET ${nonKey.map((c) => `${q(c.name)} = ${value(c)}`).join(', ')}
       FROM ${unnest} WHERE ${keyMatch}${distinct}`,
      params,
    );
  }

  const inserted = await affected(
    em,
    `INSERT INTO ${q(table)} (${columns.map((c) => q(c.name)).join(', ')})
     SELECT ${columns.map(value).join(', ')} FROM ${unnest}
     WHERE NOT EXISTS (SELECT 1 FROM ${q(table)} t WHERE ${keyMatch}) ORDER BY u.ord`,
    params,
  );

  let deleted = 0;
  if (spec.deleteMissing) {
    const keyCols = columns.filter((c) => key.includes(c.name));
    const keyParams = keyCols.map((c) => params[columns.indexOf(c)]);
    deleted = await affected(
      em,
      `DELETE FROM ${q(table)} AS t WHERE NOT EXISTS (
         SELECT 1 FROM unnest(${keyCols.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ')}) AS u(${keyCols.map((c) => q(c.name)).join(', ')})
         WHERE ${keyMatch})`,
      keyParams,
    );
  }
  return { inserted, updated, deleted };
}
