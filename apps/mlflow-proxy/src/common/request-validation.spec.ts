import { z } from 'zod';
import { MlflowError } from './mlflow-error';
import { parseRequest } from './request-validation';
import { double, int64, maxResults, stringList } from './wire-fields';

describe('parseRequest and wire fields', () => {
  const schema = z.object({ run_id: z.string(), step: int64.optional(), value: double.optional(), order_by: stringList, max_results: maxResults(10, 100) });

  it('accepts protobuf-JSON spellings: int64 as strings, doubles as "NaN", repeated query values', () => {
    expect(parseRequest(schema, { run_id: 'r', step: '12', value: 'NaN', order_by: 'a' })).toEqual({ run_id: 'r', step: 12, value: NaN, order_by: ['a'], max_results: 10 });
    expect(parseRequest(schema, { run_id: 'r', value: '-Infinity', order_by: ['a', 'b'], max_results: '5' })).toMatchObject({ value: -Infinity, order_by: ['a', 'b'], max_results: 5 });
  });

  it("words errors like MLflow's: missing vs invalid", () => {
    const fail = (input: unknown) => {
      try {
        parseRequest(schema, input);
      } catch (e) {
        return e as MlflowError;
      }
      throw new Error('expected a failure');
    };
    expect(fail({}).message).toBe("Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.");
    const invalid = fail({ run_id: 'r', step: '1.5' });
    expect(invalid.errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect(invalid.status).toBe(400);
    expect(invalid.message).toContain("Invalid value \"1.5\" for parameter 'step'");
    expect(fail({ run_id: 'r', max_results: 101 }).message).toContain('between 1 and 100');
    expect(fail(undefined).message).toContain("'run_id'");
  });
});
