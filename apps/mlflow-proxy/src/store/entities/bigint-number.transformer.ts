import { ValueTransformer } from 'typeorm';

/** pg returns int8 as a string; millisecond timestamps fit a double exactly, so read them as numbers. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
