import { MlflowError } from './mlflow-error';

export type SearchToken =
  | { kind: 'word'; text: string; start: number; end: number }
  | { kind: 'string'; text: string; quote: '"' | "'"; start: number; end: number }
  | { kind: 'backtick'; text: string; start: number; end: number }
  | { kind: 'op'; text: string; start: number; end: number }
  | { kind: 'punct'; text: '(' | ')' | ','; start: number; end: number };

const OPERATORS = ['!=', '<>', '>=', '<=', '=', '>', '<'];
const WORD_STOP = /[\s()'"`,=!<>]/;

/** Splits an MLflow search expression (a small subset of SQL) into tokens, keeping positions. */
export function tokenizeSearch(input: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"' || c === '`') {
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length) throw MlflowError.invalidParameter(`Invalid filter '${input}': unterminated ${c === '`' ? 'identifier' : 'string'}`);
        const d = input[i];
        if (d === '\\' && i + 1 < input.length) {
          text += input[i + 1];
          i += 2;
          continue;
        }
        if (d === c) {
          // A doubled quote is an escaped quote, as in SQL.
          if (input[i + 1] === c) {
            text += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += d;
        i++;
      }
      if (c === '`') tokens.push({ kind: 'backtick', text, start, end: i });
      else tokens.push({ kind: 'string', text, quote: c as '"' | "'", start, end: i });
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, start, end: ++i });
      continue;
    }
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    if (op) {
      i += op.length;
      tokens.push({ kind: 'op', text: op === '<>' ? '!=' : op, start, end: i });
      continue;
    }
    while (i < input.length && !WORD_STOP.test(input[i])) i++;
    tokens.push({ kind: 'word', text: input.slice(start, i), start, end: i });
  }
  return tokens;
}

export type SearchEntity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

const ENTITY_ALIASES: Record<string, SearchEntity> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

export interface SearchIdentifier {
  entity: SearchEntity;
  key: string;
}

/**
 * Reads an identifier at `tokens[pos]`: `metrics.acc`, `tags.mlflow.runName`, ``metrics.`a b` ``,
 * `params."model class"`, or a bare attribute (`name`, `status`). Returns the position after it.
 */
export function readIdentifier(tokens: SearchToken[], pos: number, source: string): { id: SearchIdentifier; next: number } {
  const t = tokens[pos];
  if (!t) throw MlflowError.invalidParameter(`Invalid filter '${source}': expected an identifier at the end`);
  if (t.kind === 'backtick') return { id: { entity: 'attribute', key: t.text }, next: pos + 1 };
  if (t.kind !== 'word') throw MlflowError.invalidParameter(`Invalid filter '${source}': expected an identifier, got '${t.text}'`);
  const dot = t.text.indexOf('.');
  if (dot === -1) return { id: { entity: 'attribute', key: t.text }, next: pos + 1 };
  const prefix = t.text.slice(0, dot);
  const entity = ENTITY_ALIASES[prefix.toLowerCase()];
  if (!entity) {
    throw MlflowError.invalidParameter(
      `Invalid entity type '${prefix}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`,
    );
  }
  const rest = t.text.slice(dot + 1);
  const follower = tokens[pos + 1];
  // `metrics."a b"` / ``metrics.`a b` ``: the quoted part, glued to the dot, is the key.
  if (rest === '' && follower && follower.start === t.end && (follower.kind === 'backtick' || (follower.kind === 'string' && follower.quote === '"'))) {
    return { id: { entity, key: follower.text }, next: pos + 2 };
  }
  if (!rest) throw MlflowError.invalidParameter(`Invalid filter '${source}': missing key after '${t.text}'`);
  return { id: { entity, key: rest }, next: pos + 1 };
}
