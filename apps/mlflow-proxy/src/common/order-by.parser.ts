import { MlflowError } from './mlflow-error';
import { SearchIdentifier, readIdentifier, tokenizeSearch } from './search-tokenizer';

export interface OrderByClause extends SearchIdentifier {
  ascending: boolean;
}

/** `metrics.rmse DESC`, ``params.`lr` ``, `name ASC`: ascending unless DESC, as in MLflow. */
export function parseOrderBy(clauses: readonly string[]): OrderByClause[] {
  return clauses
    .filter((c) => c.trim())
    .map((clause) => {
      const tokens = tokenizeSearch(clause);
      const { id, next } = readIdentifier(tokens, 0, clause);
      const dir = tokens[next];
      if (tokens.length > next + 1 || (dir && (dir.kind !== 'word' || !['ASC', 'DESC'].includes(dir.text.toUpperCase())))) {
        throw MlflowError.invalidParameter(`Invalid order_by clause '${clause}'. Could not be parsed.`);
      }
      return { ...id, ascending: !dir || dir.text.toUpperCase() === 'ASC' };
    });
}
