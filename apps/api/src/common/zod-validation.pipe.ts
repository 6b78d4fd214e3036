import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { ApiError, FieldProblem, fieldPath } from './api-error';

const WHAT: Record<string, string> = { body: 'request body', query: 'query string', param: 'path parameter' };

/** Zod issues as field problems; unknown keys become one problem per key, named. */
export function zodProblems(error: z.ZodError, where: 'body' | 'query' | 'param'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const key of issue.keys) {
        problems.push({
          // `?=1` has a parameter with an empty name: say so rather than naming nothing.
          field: key === '' ? '(empty name)' : fieldPath([...issue.path, key], where),
          message: where === 'query' ? 'unknown query parameter' : 'unknown field',
        });
      }
    } else {
      problems.push({ field: fieldPath(issue.path, where), message: issue.message });
    }
  }
  return problems;
}

/**
 * Validates and converts a body, query string or path parameter with a zod schema. A failure is a
 * 400 whose `details` name every bad field; the message lists them too, for clients that only show it.
 */
export class ZodValidationPipe<S extends z.ZodTypeAny> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<S> {
    const where = metadata.type === 'body' || metadata.type === 'query' ? metadata.type : 'param';
    const input = where === 'body' && value === undefined ? undefined : value;
    const result = this.schema.safeParse(input);
    if (result.success) return result.data;
    const details = zodProblems(result.error, where).map((p) =>
      where === 'param' && metadata.data && p.field === 'param' ? { ...p, field: metadata.data } : p,
    );
    const fields = [...new Set(details.map((d) => d.field))].join(', ');
    throw ApiError.badRequest(`invalid ${WHAT[where]}: ${fields}`, details);
  }
}

/** A fast check for the common valid input, falling back to the zod pipe (and its errors) for anything else. */
export class FastPathValidationPipe<S extends z.ZodTypeAny> implements PipeTransform<unknown, z.infer<S>> {
  private readonly zod: ZodValidationPipe<S>;

  constructor(
    private readonly fast: (value: unknown) => z.infer<S> | undefined,
    schema: S,
  ) {
    this.zod = new ZodValidationPipe(schema);
  }

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<S> {
    return this.fast(value) ?? this.zod.transform(value, metadata);
  }
}
