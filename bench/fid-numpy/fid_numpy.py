"""FID of two float32 feature sets with numpy on its BLAS/LAPACK, for comparison with the C# implementation.

Reads DIR/a.f32 and DIR/b.f32 (raw little-endian float32, N x D row-major, as written by
`dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- fid-numpy DIR`) and times, in memory:

* covariances: np.cov(x, rowvar=False) of each set (float64, N - 1), with the means;
* eigen route (the symmetric square-root route): w, V = eigh(S1); U = V sqrt(max(w, 0));
  tr sqrt(S1 S2) = sum sqrt(eigvalsh(U^T S2 U));
* Cholesky route (the algorithm the C# code uses, unpivoted here): L = cholesky(S1);
  tr sqrt(S1 S2) = sum sqrt(eigvalsh(L^T S2 L)).

Threads: set OPENBLAS_NUM_THREADS (and DOTNET_PROCESSOR_COUNT for the C# side) to the same value.
Usage: python3 fid_numpy.py DIR [--dim 2048] [--repetitions 3] [--expect FID]
numpy only; never needed by the tests or the product.
"""
import argparse
import ctypes
import os
import time

import numpy as np


def timed(fn):
    c0, t0 = time.process_time(), time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


def trace_sqrt(lambdas):
    lambdas = np.asarray(lambdas)
    cutoff = len(lambdas) * np.finfo(np.float64).eps * np.abs(lambdas).max()
    return np.sqrt(lambdas[lambdas > cutoff]).sum()


def eigen_route(s1, s2):
    w, v = np.linalg.eigh(s1)
    w = np.where(w > len(w) * np.finfo(np.float64).eps * np.abs(w).max(), w, 0.0)
    u = v * np.sqrt(w)
    return trace_sqrt(np.linalg.eigvalsh(u.T @ s2 @ u))


def cholesky_route(s1, s2):
    l = np.linalg.cholesky(s1)
    return trace_sqrt(np.linalg.eigvalsh(l.T @ s2 @ l))


def blas_info():
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_config.restype = ctypes.c_char_p
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return f"{lib.openblas_get_config().decode()} core {lib.openblas_get_corename().decode()} threads {lib.openblas_get_num_threads()}"
    except OSError:
        return "libopenblas.so.0 not loadable: check which BLAS numpy uses"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--dim", type=int, default=2048)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--expect", type=float, default=None, help="FID from the C# run, to compare")
    args = parser.parse_args()
    a = np.fromfile(os.path.join(args.dir, "a.f32"), dtype="<f4").reshape(-1, args.dim)
    b = np.fromfile(os.path.join(args.dir, "b.f32"), dtype="<f4").reshape(-1, args.dim)
    print(f"numpy {np.__version__}; {blas_info()}; a {a.shape}, b {b.shape}")
    best = {}
    values = {}
    for _ in range(args.repetitions):
        wa, ca, (mu1, s1) = timed(lambda: (a.mean(axis=0, dtype=np.float64), np.cov(a, rowvar=False)))
        wb, cb, (mu2, s2) = timed(lambda: (b.mean(axis=0, dtype=np.float64), np.cov(b, rowvar=False)))
        rest = ((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2)
        we, ce, te = timed(lambda: eigen_route(s1, s2))
        wc, cc, tc = timed(lambda: cholesky_route(s1, s2))
        values = {"eigen": rest - 2 * te, "cholesky": rest - 2 * tc}
        for key, value in {"covariances": (wa + wb, ca + cb), "eigen distance": (we, ce), "cholesky distance": (wc, cc),
                           "eigen total": (wa + wb + we, ca + cb + ce), "cholesky total": (wa + wb + wc, ca + cb + cc)}.items():
            best[key] = min(best.get(key, value), value)
    print("; ".join(f"{k} {w:.3f} s (CPU {c:.3f})" for k, (w, c) in best.items()) + f"; best of {args.repetitions}")
    for key, value in values.items():
        line = f"numpy fid ({key} route) {value!r}"
        if args.expect is not None:
            line += f", relative difference to C# {abs(value - args.expect) / abs(args.expect):.2e}"
        print(line)


if __name__ == "__main__":
    main()
