// Distribution tails the drift tests need, in plain TypeScript (no native dependency).

const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error below 1e-13). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const TINY = 1e-300;

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || x < 0 || Number.isNaN(x)) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const lnPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x), then Q = 1 - P.
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPrefix));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.min(1, Math.exp(lnPrefix) * h);
}

/** P(X > x) for a chi-squared variable with `dof` degrees of freedom. */
export function chiSquareSurvival(x: number, dof: number): number {
  if (x === Number.POSITIVE_INFINITY) return 0;
  return gammaQ(dof / 2, x / 2);
}

/** erfc(x), W. J. Cody's rational approximations (relative error below 1e-15 in double). */
export function erfc(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.5) {
    const t = ax * ax;
    const top = (((0.18577770618460315 * t + 3.1611237438705655) * t + 113.86415415105016) * t + 377.485237685302) * t + 3209.3775891384694;
    const bot = (((t + 23.601290952344122) * t + 244.02463793444417) * t + 1282.6165260773723) * t + 2844.236833439171;
    r = 1 - (ax * top) / bot;
  } else if (ax < 4) {
    const top =
      (((((((-1.368648573827167e-7 * ax + 0.564195517478974) * ax + 7.2117582508830935) * ax + 43.162227222056735) * ax + 152.9892850469404) * ax +
        339.3208167343437) *
        ax +
        451.9189537118729) *
        ax +
        300.4592610201616);
    const bot =
      ((((((ax + 12.782727319629423) * ax + 77.00015293522948) * ax + 277.58544474398866) * ax + 638.9802644656314) * ax + 931.3540948506096) * ax +
        790.9509253278981) *
        ax +
      300.4592609569833;
    r = Math.exp(-ax * ax) * (top / bot);
  } else {
    const z = 1 / (ax * ax);
    const p = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378, 0.016315387137302097];
    const q = [2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
    let num = p[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + p[i]) * z;
      den = (den + q[i]) * z;
    }
    r = (Math.exp(-ax * ax) / ax) * (0.5641895835477563 - (z * (num + p[4])) / (den + q[4]));
  }
  return x < 0 ? 2 - r : r;
}

/** Standard normal upper tail P(Z > z). */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Kolmogorov's limiting distribution, P(K > λ) = 2 Σ (-1)^(k-1) exp(-2 k² λ²).
 * Used with Stephens' small-sample correction by the two-sample KS test.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 0.2) return 1; // the series has not converged yet here and the tail is 1 to 1e-12
  let sum = 0;
  let sign = 1;
  let previous = 0;
  for (let k = 1; k <= 200; k++) {
    const term = sign * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) <= 1e-12 * Math.abs(sum) || Math.abs(term) <= 1e-16 * previous) break;
    previous = Math.abs(term);
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
