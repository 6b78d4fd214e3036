import { FEATURE_NAMES } from '@predictiondex/battle';
import { seededRandom } from './constructed-data';

const FLAG = /type_|_physical|_special|multi_hit|_charge|_recharge|fixed_damage|_ohko|self_ko|first_turn_only|_crash|_transform|a_moves_first/;

/**
 * Rows shaped like the 137 lgpe-v1 features (flags are 0/1, the rest continuous), one array per
 * prediction in FEATURE_NAMES order; `shifts` adds that many standard deviations to chosen
 * continuous features (or flips a flag's rate to 50%).
 */
export function syntheticFeatureRows(rows: number, seed: number, shifts: Record<string, number> = {}): number[][] {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    out.push(
      FEATURE_NAMES.map((name, j) => {
        const shift = shifts[name] ?? 0;
        if (FLAG.test(name)) return rand() < (shift ? 0.5 : 0.08 + (j % 5) * 0.03) ? 1 : 0;
        return Math.fround(50 + j + (10 + (j % 7)) * (normal() + shift));
      }),
    );
  }
  return out;
}

/** Features shifted in the drift tests: continuous ones (stats and move numbers). */
export const CONTINUOUS_FEATURES = FEATURE_NAMES.filter((n) => !FLAG.test(n));
