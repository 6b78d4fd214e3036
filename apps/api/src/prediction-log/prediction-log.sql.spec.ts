import { insertStatement, PredictionLogRow, prepareRow, realArrayLiteral } from './prediction-log.sql';

describe('prediction log SQL', () => {
  it('writes float4 literals that read back to exactly the same float32 values', () => {
    const values = Float32Array.from([0, 1, -3, 0.1, 1 / 3, 123456.789, 1e-7, 3.4e38, -0.5, 1.5]);
    const literal = realArrayLiteral(values);
    expect(literal.startsWith('{0,1,-3,')).toBe(true);
    const parsed = literal
      .slice(1, -1)
      .split(',')
      .map((x) => Math.fround(Number(x)));
    expect(parsed).toEqual(Array.from(values));
    expect(realArrayLiteral(Float32Array.from([NaN, Infinity, -Infinity]))).toBe('{NaN,Infinity,-Infinity}');
  });

  it('builds one multi-row INSERT with 14 parameters per row', () => {
    const row = (id: string): PredictionLogRow => ({
      id,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      endpoint: 'best-move',
      modelName: 'battle-winner',
      modelVersion: '3',
      featureVersion: 'lgpe-v1',
      pokemonAId: 1,
      pokemonBId: 2,
      moveAId: 3,
      moveBId: 4,
      request: { a: 1 },
      features: Float32Array.from([1, 2]),
      probability: 0.25,
      simulatedWinRate: null,
    });
    const { sql, params } = insertStatement([prepareRow(row('a')), prepareRow(row('b'))]);
    expect(params).toHaveLength(28);
    expect(sql).toContain('($15,$16::timestamptz,');
    expect(sql).toContain('$26::real[]');
    expect(sql.endsWith('ON CONFLICT (id) DO NOTHING')).toBe(true);
    expect(params.slice(10, 12)).toEqual(['{"a":1}', '{1,2}']);
  });
});
