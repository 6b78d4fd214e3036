import { MlflowError } from './mlflow-error';
import { SearchEntity, readIdentifier, tokenizeSearch } from './search-tokenizer';

export type FilterComparator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';

export interface FilterClause {
  entity: SearchEntity;
  key: string;
  comparator: FilterComparator;
  value: string | number | string[];
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses an MLflow search filter: comparisons joined by AND (MLflow has no OR), e.g.
 * `metrics.acc > 0.9 AND params.model = 'xgb' AND attributes.status = 'FINISHED'`.
 * Which entities, keys and comparators make sense is left to each search.
 */
export function parseSearchFilter(filter: string | undefined): FilterClause[] {
  if (!filter || !filter.trim()) return [];
  const tokens = tokenizeSearch(filter);
  const clauses: FilterClause[] = [];
  let pos = 0;
  const fail: (why: string) => never = (why) => {
    throw MlflowError.invalidParameter(`Invalid filter '${filter}': ${why}`);
  };
  for (;;) {
    const { id, next } = readIdentifier(tokens, pos, filter);
    pos = next;
    const opTok = tokens[pos];
    if (!opTok) fail(`expected a comparator after '${id.key}'`);
    const word = opTok.kind === 'word' ? opTok.text.toUpperCase() : '';
    let comparator: FilterComparator;
    if (opTok.kind === 'op') comparator = opTok.text as FilterComparator;
    else if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') comparator = word;
    else if (word === 'NOT' && tokens[pos + 1]?.kind === 'word' && tokens[pos + 1]?.text.toUpperCase() === 'IN') {
      comparator = 'NOT IN';
      pos++;
    } else comparator = fail(`invalid comparator '${opTok.text}'`);
    pos++;
    const valTok = tokens[pos];
    let value: string | number | string[];
    if (comparator === 'IN' || comparator === 'NOT IN') {
      if (valTok?.kind !== 'punct' || valTok.text !== '(') fail(`expected a parenthesised list after ${comparator}`);
      pos++;
      const list: string[] = [];
      for (;;) {
        const item = tokens[pos];
        if (item?.kind !== 'string') fail('expected a quoted string in the list');
        list.push(item.text);
        pos++;
        const sep = tokens[pos];
        if (sep?.kind === 'punct' && sep.text === ',') {
          pos++;
          continue;
        }
        if (sep?.kind === 'punct' && sep.text === ')') {
          pos++;
          break;
        }
        fail("expected ',' or ')' in the list");
      }
      value = list;
    } else if (valTok?.kind === 'string') {
      value = valTok.text;
      pos++;
    } else if (valTok?.kind === 'word' && NUMBER.test(valTok.text)) {
      value = Number(valTok.text);
      pos++;
    } else {
      value = fail(`expected a value after '${comparator}'`);
    }
    clauses.push({ entity: id.entity, key: id.key, comparator, value });
    const conj = tokens[pos];
    if (!conj) break;
    if (conj.kind !== 'word' || conj.text.toUpperCase() !== 'AND') fail(`expected AND, got '${conj.text}' (OR is not supported)`);
    pos++;
  }
  return clauses;
}
