import { Dex } from '@pkmn/sim';
import type { ID } from '@pkmn/sim';
import { LGPE_MOD_ID, lgpeDex } from './lgpe-dex';

export const LGPE_FORMAT_NAME = "[Gen 7 Let's Go] PredictionDex 1v1";
export const LGPE_FORMAT_ID = 'gen7letsgopredictiondex1v1' as ID;

/**
 * Registers a bare 1v1 format on the gen7letsgo mod. An empty ruleset on purpose: no Team Preview
 * (the battle starts as soon as both sides join), no validator clauses, no HP percentage rounding.
 * Levels are set to 50 in every set, so no level rule is needed either. Idempotent per module
 * instance (each worker thread and each Jest module registry has its own engine copy).
 */
export function ensureLgpeFormat(): ID {
  lgpeDex();
  if (!Dex.formats.get(LGPE_FORMAT_ID).exists) {
    Dex.formats.extend([{ name: LGPE_FORMAT_NAME, mod: LGPE_MOD_ID, ruleset: [] }]);
  }
  return LGPE_FORMAT_ID;
}
