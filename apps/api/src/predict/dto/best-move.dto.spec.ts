import fc from 'fast-check';
import { bestMoveRequest, fastBestMoveRequest } from './best-move.dto';

describe('fastBestMoveRequest (the validation fast path)', () => {
  const moveValue = fc.oneof(
    fc.string({ maxLength: 55 }),
    fc.constantFrom(' Thunderbolt ', '', '   ', 'x'.repeat(50), 'x'.repeat(51)),
    fc.integer({ min: -2, max: 2_147_483_650 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const moves = fc.oneof(fc.array(moveValue, { maxLength: 22 }), moveValue, fc.constant(undefined));
  const id = fc.oneof(fc.integer({ min: -1, max: 2_147_483_650 }), fc.double(), fc.string({ maxLength: 3 }), fc.constant(null), fc.constant(undefined));
  const body = fc.oneof(
    fc.record({ pokemon_a_id: id, pokemon_b_id: id, available_moves: moves, available_moves_b: fc.oneof(moves, fc.constant(null)), extra: fc.string() }, { requiredKeys: [] }),
    fc.jsonValue(),
  );

  it('accepts exactly what zod accepts, with the same result, or defers to zod', () => {
    fc.assert(
      fc.property(body, (value) => {
        const fast = fastBestMoveRequest(value);
        const zod = bestMoveRequest.safeParse(value);
        if (fast !== undefined) {
          expect(zod.success).toBe(true);
          expect(fast).toEqual(zod.data);
        }
      }),
      { seed: 1125, numRuns: 3000 },
    );
  });

  it('takes the fast path for ordinary bodies', () => {
    const ok = { pokemon_a_id: 33, pokemon_b_id: 7, available_moves: [' Thunderbolt', 142], available_moves_b: null };
    expect(fastBestMoveRequest(ok)).toEqual({ pokemon_a_id: 33, pokemon_b_id: 7, available_moves: ['Thunderbolt', 142], available_moves_b: null });
    expect(fastBestMoveRequest({ ...ok, available_moves_b: ['Slash'] })?.available_moves_b).toEqual(['Slash']);
    expect(fastBestMoveRequest({ ...ok, extra: 1 })).toBeUndefined();
  });
});
