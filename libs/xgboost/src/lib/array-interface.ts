import { endianness } from 'node:os';

const FLOAT32_TYPESTR = `${endianness() === 'LE' ? '<' : '>'}f4`;

/** JSON numbers as XGBoost's parser reads them; JSON.stringify would turn NaN into null. */
export function jsonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return String(value);
}

/**
 * NumPy `__array_interface__` (v3) JSON describing a row-major float32 matrix *in place*: XGBoost
 * reads straight from the JS buffer at `address`, so the array must stay alive and unmodified for
 * the duration of the C call (it does: the call is synchronous and holds a reference).
 */
export function float32ArrayInterface(address: bigint, nrow: number, ncol: number): string {
  return `{"data":[${address},true],"shape":[${nrow},${ncol}],"typestr":"${FLOAT32_TYPESTR}","version":3}`;
}
