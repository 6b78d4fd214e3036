import { combatantFromDex } from './combatant';
import { battleMovesFor } from './damaging-moves';
import { expectedDamageFraction, expectedTurnsToKo } from './damage-estimate';
import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_VERSION, KO_FEATURE_CAP, buildFeatures, writeFeatures } from './feature-vector';
import { legalSpeciesIds } from './lgpe-dex';
import { TYPE_NAMES } from './type-names';

const c = combatantFromDex;
const at = (name: string): number => {
  const i = FEATURE_NAMES.indexOf(name);
  if (i < 0) throw new Error(`no feature ${name}`);
  return i;
};

/** A spread of real matchups: every species once on each side, with varied moves. */
function sampleRows(): Array<[string, string, string, string]> {
  const ids = legalSpeciesIds();
  return ids.map((a, i) => {
    const b = ids[(i * 53 + 11) % ids.length];
    const ma = battleMovesFor(a);
    const mb = battleMovesFor(b);
    return [a, ma[i % ma.length], b, mb[(i * 5) % mb.length]];
  });
}

describe('feature vector', () => {
  it('has one unique name per value, fewer than 150, and a version', () => {
    const v = buildFeatures(c('pikachu'), 'thunderbolt', c('gyarados'), 'waterfall');
    expect(v).toHaveLength(FEATURE_NAMES.length);
    expect(FEATURE_COUNT).toBe(FEATURE_NAMES.length);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    expect(FEATURE_COUNT).toBeLessThan(150);
    expect(FEATURE_VERSION).toBe('lgpe-v1');
    expect(FEATURE_NAMES.some((n) => /(^|_)(id|num|number|species)(_|$)/.test(n))).toBe(false);
  });

  it('is deterministic and finite for every species', () => {
    for (const [a, ma, b, mb] of sampleRows()) {
      const v = buildFeatures(c(a), ma, c(b), mb);
      expect(buildFeatures(c(a), ma, c(b), mb)).toEqual(v);
      expect(v.every((x) => Number.isFinite(x))).toBe(true);
    }
  });

  it('writes the same values in batch (preallocated, at an offset) as one at a time', () => {
    const rows = sampleRows();
    const batch = new Float32Array(rows.length * FEATURE_COUNT + 3).fill(Number.NaN);
    rows.forEach(([a, ma, b, mb], i) => writeFeatures(batch, 3 + i * FEATURE_COUNT, c(a), ma, c(b), mb));
    rows.forEach(([a, ma, b, mb], i) => {
      expect(batch.subarray(3 + i * FEATURE_COUNT, 3 + (i + 1) * FEATURE_COUNT)).toEqual(buildFeatures(c(a), ma, c(b), mb));
    });
    // Reusing a dirty buffer must not leak old one-hot bits.
    writeFeatures(batch, 3, c('pikachu'), 'thunderbolt', c('gyarados'), 'waterfall');
    expect(batch.subarray(3, 3 + FEATURE_COUNT)).toEqual(buildFeatures(c('pikachu'), 'thunderbolt', c('gyarados'), 'waterfall'));
    expect(() => writeFeatures(batch, batch.length - 1, c('pikachu'), 'thunderbolt', c('gyarados'), 'waterfall')).toThrow(RangeError);
  });

  it('encodes stats, types and the move as documented', () => {
    const v = buildFeatures(c('gyarados'), 'waterfall', c('pikachu'), 'thunderbolt');
    expect(v[at('a_hp')]).toBe(170);
    expect(v[at('b_spe')]).toBe(112);
    expect(v[at('a_type_water')] + v[at('a_type_flying')]).toBe(2);
    expect(TYPE_NAMES.reduce((sum, t) => sum + v[at(`a_type_${t.toLowerCase()}`)], 0)).toBe(2);
    expect(v[at('b_type_electric')]).toBe(1);
    expect(v[at('a_move_type_water')]).toBe(1);
    expect(v[at('a_move_physical')]).toBe(1);
    expect(v[at('b_move_special')]).toBe(1);
    expect(v[at('b_move_effectiveness')]).toBe(4);
    expect(v[at('b_move_stab')]).toBe(1.5);
    expect(v[at('a_moves_first')]).toBe(-1);
    expect(v[at('speed_diff')]).toBe(103 - 112);
  });

  it('lets priority decide who moves first', () => {
    expect(buildFeatures(c('diglett'), 'earthquake', c('kabutops'), 'aquajet')[at('a_moves_first')]).toBe(-1);
    expect(buildFeatures(c('diglett'), 'earthquake', c('kabutops'), 'waterfall')[at('a_moves_first')]).toBe(1);
    expect(buildFeatures(c('pikachu'), 'thunderbolt', c('pikachu'), 'thunderbolt')[at('a_moves_first')]).toBe(0);
  });

  it('caps impossible KOs and models Transform as the copied move', () => {
    const immune = buildFeatures(c('snorlax'), 'bodyslam', c('gengar'), 'psychic');
    expect(immune[at('a_move_hits_to_ko')]).toBe(KO_FEATURE_CAP);
    expect(immune[at('a_move_turns_to_ko')]).toBe(KO_FEATURE_CAP);

    const ditto = buildFeatures(c('ditto'), 'transform', c('snorlax'), 'bodyslam');
    expect(ditto[at('a_move_transform')]).toBe(1);
    expect(ditto[at('a_move_type_normal')]).toBe(1);
    expect(ditto[at('a_move_physical')]).toBe(1);
    expect(ditto[at('a_hp')]).toBe(c('ditto').stats50.hp);
    expect(ditto[at('a_moves_first')]).toBe(0);
    // Transformed Ditto is a Snorlax (but with Ditto's HP) hitting Snorlax, one turn late.
    const snorlax = c('snorlax');
    expect(ditto[at('a_move_damage_fraction')]).toBeCloseTo(expectedDamageFraction(snorlax, 'bodyslam', snorlax), 6);
    expect(ditto[at('a_move_turns_to_ko')]).toBeCloseTo(expectedTurnsToKo(snorlax, 'bodyslam', snorlax) + 1, 6);
  });
});
