import { MlflowError } from './mlflow-error';
import { parseOrderBy } from './order-by.parser';

describe('parseOrderBy', () => {
  it('defaults to ascending and reads entities as filters do', () => {
    expect(parseOrderBy(['metrics.rmse DESC', 'params.`lr`', 'name asc', 'attributes.start_time', '  '])).toEqual([
      { entity: 'metric', key: 'rmse', ascending: false },
      { entity: 'param', key: 'lr', ascending: true },
      { entity: 'attribute', key: 'name', ascending: true },
      { entity: 'attribute', key: 'start_time', ascending: true },
    ]);
  });

  it('refuses extra words and unknown directions', () => {
    expect(() => parseOrderBy(['name DOWN'])).toThrow(MlflowError);
    expect(() => parseOrderBy(['name ASC extra'])).toThrow(MlflowError);
    expect(() => parseOrderBy(['bogus.key'])).toThrow(MlflowError);
  });
});
