import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { toId } from '../to-id';
import type { DraftMove, DraftPokemon, PokedexDraft } from '../pokedex-draft';
import type { PokedexSource } from './pokedex-source';
import { CsvRecord, parseCsv } from './csv-parser';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `longer than ${max} characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const optionalPositive = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const n = Number(v.replace(',', '.'));
    if (!Number.isFinite(n) || n <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${v}' is not a positive number` });
      return z.NEVER;
    }
    return n;
  });

const pokemonRow = z.object({
  pokemon: z.string().trim().min(1, 'is empty'),
  name_fr: optionalText(100),
  sprite_url: optionalText(500).refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), 'is not an http(s) URL'),
  height_m: optionalPositive,
  weight_kg: optionalPositive,
});
const moveRow = z.object({
  move: z.string().trim().min(1, 'is empty'),
  name_fr: optionalText(100),
  description: optionalText(1000),
});

/** The files the CSV source reads from ETL_CSV_DIR, each optional. Documented in the lib's README. */
export const CSV_FILES = {
  pokemon: { file: 'pokemon.csv', key: 'pokemon', schema: pokemonRow },
  moves: { file: 'moves.csv', key: 'move', schema: moveRow },
} as const;

/**
 * User files that override or localise what Showdown gives: French names, sprites, sizes, move
 * descriptions. Rows are validated one by one; a bad row is rejected with its reason and every good
 * row still applies.
 */
export class CsvSource implements PokedexSource {
  readonly name = 'csv';

  constructor(private readonly dir: string | undefined) {}

  async apply(draft: PokedexDraft): Promise<void> {
    if (!this.dir) throw new Error('the csv source needs ETL_CSV_DIR: the folder that holds pokemon.csv and/or moves.csv');
    if (!fs.existsSync(this.dir)) throw new Error(`ETL_CSV_DIR '${this.dir}' does not exist`);
    const hash = createHash('sha256');
    let found = 0;
    for (const spec of Object.values(CSV_FILES)) {
      const file = path.join(this.dir, spec.file);
      if (!fs.existsSync(file)) continue;
      found++;
      const text = fs.readFileSync(file, 'utf8');
      hash.update(spec.file).update(text);
      if (spec.file === 'pokemon.csv') this.applyRows(draft, file, text, spec.key, spec.schema, draft.pokemon, (p, row) => applyPokemon(p, row as z.infer<typeof pokemonRow>));
      else this.applyRows(draft, file, text, spec.key, spec.schema, draft.moves, (m, row) => applyMove(m, row as z.infer<typeof moveRow>));
    }
    if (!found) draft.warnings.push(`csv: no pokemon.csv or moves.csv in ${this.dir}`);
    draft.sourceVersions['csv'] = `sha256:${hash.digest('hex').slice(0, 16)}`;
  }

  private applyRows<T extends DraftPokemon | DraftMove>(
    draft: PokedexDraft,
    file: string,
    text: string,
    key: string,
    schema: z.ZodTypeAny,
    targets: T[],
    apply: (target: T, row: unknown) => void,
  ): void {
    const where = (r: CsvRecord) => `${path.basename(file)}:${r.line}`;
    let records: CsvRecord[];
    try {
      records = parseCsv(text).records;
    } catch (e) {
      draft.rejects.push({ source: this.name, location: path.basename(file), row: {}, reason: (e as Error).message });
      return;
    }
    const [header, ...rows] = records;
    if (!header) return;
    const columns = header.fields.map((h) => h.trim().toLowerCase());
    if (!columns.includes(key)) {
      draft.rejects.push({ source: this.name, location: where(header), row: { header: header.fields }, reason: `header has no '${key}' column` });
      return;
    }
    const byId = new Map<string, T>();
    for (const t of targets) {
      byId.set(t.showdownId, t);
      byId.set(toId(t.name), t);
    }
    const seen = new Set<string>();
    for (const record of rows) {
      const raw: Record<string, string> = {};
      columns.forEach((c, i) => (raw[c] = record.fields[i] ?? ''));
      const reject = (reason: string) => draft.rejects.push({ source: this.name, location: where(record), row: raw, reason });
      if (record.fields.length !== columns.length) {
        reject(`has ${record.fields.length} fields, the header has ${columns.length}`);
        continue;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        reject(parsed.error.issues.map((i: z.ZodIssue) => `${i.path.join('.')} ${i.message}`).join('; '));
        continue;
      }
      const target = byId.get(toId(String(parsed.data[key])));
      if (!target) {
        reject(`unknown ${key} '${parsed.data[key]}'`);
        continue;
      }
      if (seen.has(target.showdownId)) {
        reject(`duplicate row for ${key} '${target.showdownId}'`);
        continue;
      }
      seen.add(target.showdownId);
      apply(target, parsed.data);
    }
  }
}

function applyPokemon(p: DraftPokemon, row: z.infer<typeof pokemonRow>): void {
  if (row.name_fr !== undefined) p.nameFr = row.name_fr;
  if (row.sprite_url !== undefined) p.spriteUrl = row.sprite_url;
  if (row.height_m !== undefined) p.heightM = row.height_m;
  if (row.weight_kg !== undefined) p.weightKg = row.weight_kg;
}

function applyMove(m: DraftMove, row: z.infer<typeof moveRow>): void {
  if (row.name_fr !== undefined) m.nameFr = row.name_fr;
  if (row.description !== undefined) m.description = row.description;
}
