import type { DataSource } from 'typeorm';
import { POKEDEX_TABLES } from '../lib/loader/pokedex-loader';

/** md5 of every row of every Pokédex table, in physical order too: equal digests mean byte-identical tables. */
export async function tableDigests(ds: DataSource): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of POKEDEX_TABLES) {
    const [{ digest, ctids }] = await ds.query(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, md5(string_agg(ctid::text || t::text, '|' ORDER BY ctid)) AS ctids FROM ${table} t`,
    );
    out[table] = `${digest}/${ctids}`;
  }
  return out;
}
