import { z } from 'zod';
import { bestMoveRequest } from '../predict/dto/best-move.dto';
import { ApiError, fieldPath } from './api-error';
import { ZodValidationPipe } from './zod-validation.pipe';

function problems(fn: () => unknown): { message: string; details: { field: string; message: string }[] } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return { message: (e as ApiError).message, details: (e as ApiError).details ?? [] };
  }
  throw new Error('expected a validation error');
}

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(bestMoveRequest);

  it('names array elements and nested fields', () => {
    expect(fieldPath(['available_moves', 2])).toBe('available_moves[2]');
    expect(fieldPath(['a', 'b', 0, 'c'])).toBe('a.b[0].c');
    expect(fieldPath([], 'query')).toBe('query');
    const { message, details } = problems(() =>
      pipe.transform({ pokemon_a_id: 1.5, pokemon_b_id: 2, available_moves: ['Tackle', 3, true, ''] }, { type: 'body' }),
    );
    expect(details).toEqual([
      { field: 'pokemon_a_id', message: 'must be an integer' },
      { field: 'available_moves[2]', message: 'must be a move id (integer) or a move name (string)' },
      { field: 'available_moves[3]', message: 'a move name must not be empty' },
    ]);
    expect(message).toBe('invalid request body: pokemon_a_id, available_moves[2], available_moves[3]');
  });

  it('names unknown and missing fields, and refuses a body that is not an object', () => {
    expect(problems(() => pipe.transform({ pokemon_a_id: 1, available_moves: [], extra: 1 }, { type: 'body' })).details).toEqual([
      { field: 'pokemon_b_id', message: 'required' },
      { field: 'available_moves', message: 'needs at least one move' },
      { field: 'extra', message: 'unknown field' },
    ]);
    expect(problems(() => pipe.transform(undefined, { type: 'body' })).details).toEqual([{ field: 'body', message: 'a JSON object body is required' }]);
    expect(problems(() => pipe.transform([1], { type: 'body' })).details).toEqual([{ field: 'body', message: 'the body must be a JSON object' }]);
  });

  it('names query parameters and path parameters', () => {
    const query = new ZodValidationPipe(z.object({ limit: z.string() }).strict());
    expect(problems(() => query.transform({ limit: '1', nmae: 'x' }, { type: 'query' })).details).toEqual([{ field: 'nmae', message: 'unknown query parameter' }]);
    const param = new ZodValidationPipe(z.string().regex(/^\d+$/, 'must be a whole number'));
    expect(problems(() => param.transform('abc', { type: 'param', data: 'id' })).details).toEqual([{ field: 'id', message: 'must be a whole number' }]);
  });

  it('passes valid input through, converted', () => {
    expect(pipe.transform({ pokemon_a_id: 1, pokemon_b_id: 2, available_moves: [' Tackle ', 5] }, { type: 'body' })).toEqual({
      pokemon_a_id: 1,
      pokemon_b_id: 2,
      available_moves: ['Tackle', 5],
    });
  });
});
