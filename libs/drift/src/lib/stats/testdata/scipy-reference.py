#!/usr/bin/env python3
"""Expected values for stats.spec.ts, computed with scipy/numpy (not run in CI; re-run by hand:
python3 scipy-reference.py > scipy-reference.json). The samples are integer arithmetic divided by a
constant, so TypeScript rebuilds them bit for bit (see samples() in stats.spec.ts)."""
import json
import numpy as np
from scipy import stats
from scipy.spatial import distance


def sample(n, mul, mod, div, shift=0.0):
    return np.array([((i * mul) % mod) / div + shift for i in range(n)], dtype=float)


def binned(ref, cur, numerical, fill):
    # Evidently's get_binned_data
    if numerical and len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, bins)[0] / len(ref)
        c = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = sorted(set(ref) | set(cur))
        r = np.array([np.sum(ref == k) / len(ref) for k in keys])
        c = np.array([np.sum(cur == k) / len(cur) for k in keys])
    if fill:
        for a in (r, c):
            m = min(a[a != 0])
            np.place(a, a == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return r, c


def chi(ref, cur):
    keys = sorted(set(ref) | set(cur))
    k = len(cur) / len(ref)
    exp = [np.sum(ref == key) * k for key in keys]
    obs = [np.sum(cur == key) for key in keys]
    return float(stats.chisquare(obs, exp)[1])


def z(ref, cur):
    key = sorted(set(ref) | set(cur))[0]
    a = np.where(ref == key, 0, 1)
    b = np.where(cur == key, 0, 1)
    n1, n2 = len(a), len(b)
    p1, p2 = a.mean(), b.mean()
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    zs = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    return float(2 * (1 - stats.norm.cdf(abs(zs))))


CASES = {
    "ks_same": (sample(300, 37, 101, 10), sample(200, 53, 101, 10)),
    "ks_shift": (sample(300, 37, 101, 10), sample(200, 53, 101, 10, 1.0)),
    "ks_small_shift": (sample(500, 37, 101, 10), sample(400, 53, 101, 10, 0.35)),
    "cont_large": (sample(3000, 7919, 1009, 100), sample(2000, 104729, 1009, 100, 0.8)),
    "cat3": (sample(600, 1, 3, 1), sample(300, 7, 4, 1)),
    "cat5_same": (sample(900, 1, 5, 2), sample(450, 3, 5, 2)),
    "bin": (sample(800, 1, 2, 1), np.array([1.0 if i % 5 < 2 else 0.0 for i in range(400)])),
}

out = {}
for name, (ref, cur) in CASES.items():
    numerical = True
    r_js, c_js = binned(ref, cur, numerical, False)
    r_psi, c_psi = binned(ref, cur, numerical, True)
    out[name] = {
        "ks_statistic": float(stats.ks_2samp(ref, cur).statistic),
        "ks_p_exact": float(stats.ks_2samp(ref, cur).pvalue),
        "ks_p_asymp": float(stats.ks_2samp(ref, cur, method="asymp").pvalue),
        "wasserstein": float(stats.wasserstein_distance(ref, cur)),
        "wasserstein_norm": float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)),
        "jensenshannon": float(distance.jensenshannon(r_js, c_js)),
        "psi": float(np.sum((r_psi - c_psi) * np.log(r_psi / c_psi))),
        "unique": int(len(set(ref) | set(cur))),
        "chisquare_p": chi(ref, cur),
        "z_p": z(ref, cur) if len(set(ref) | set(cur)) == 2 else None,
        "edges": [float(e) for e in np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")],
    }

special = {
    "erfc": {str(x): float(__import__("scipy.special").special.erfc(x)) for x in [-2.5, -0.3, 0.0, 0.1, 0.49, 0.5, 1.2, 3.9, 4.1, 6.0]},
    "chi2_sf": {f"{x}:{k}": float(stats.chi2.sf(x, k)) for x, k in [(0.5, 1), (3.84, 1), (5.99, 2), (12.0, 4), (40.0, 10), (100.0, 80), (0.01, 3)]},
    "kolmogorov_sf": {str(x): float(stats.kstwobign.sf(x)) for x in [0.3, 0.5, 1.0, 1.36, 1.63, 2.5]},
}
print(json.dumps({"cases": out, "special": special}, indent=1))
