import { snakeCase, snakeCaseKeys } from './snake-case-keys';

describe('snakeCaseKeys', () => {
  it('renames keys at every depth and keeps values, arrays and nulls as they are', () => {
    expect(snakeCase('outOfRangeCells')).toBe('out_of_range_cells');
    expect(snakeCase('a_hp')).toBe('a_hp');
    expect(
      snakeCaseKeys({ driftShare: 0.5, features: [{ feature: 'speedRatio', histogram: { kind: 'bins', edges: [0, 1] }, unseenCategories: null }], quality: { missingCells: 0 } }),
    ).toEqual({ drift_share: 0.5, features: [{ feature: 'speedRatio', histogram: { kind: 'bins', edges: [0, 1] }, unseen_categories: null }], quality: { missing_cells: 0 } });
  });
});
