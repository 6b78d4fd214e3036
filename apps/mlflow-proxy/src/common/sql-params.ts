import type { FilterComparator } from './search-filter.parser';

/** Collects positional parameters while a query is assembled: `p.add(v)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `column <op> $n` for a parsed filter comparator; IN lists bind as one array parameter. */
export function comparison(column: string, comparator: FilterComparator, value: unknown, params: SqlParams): string {
  if (comparator === 'IN') return `${column} = ANY(${params.add(value)})`;
  if (comparator === 'NOT IN') return `${column} <> ALL(${params.add(value)})`;
  return `${column} ${comparator} ${params.add(value)}`;
}
