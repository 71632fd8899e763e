using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

using static QGan.MLNet.Quantum.Kernels.GateKernels;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// Kernels that serve two qubits a and b in one pass over the state: each step loads the four amplitudes
/// |..0a..0b..&gt;, |..1a..0b..&gt;, |..0a..1b..&gt;, |..1a..1b..&gt; (eight lanes each) once and does the work of both
/// qubits in registers. The read-only cross-term passes of the adjoint sweep are bound by streaming phi and lambda
/// (four arrays, more than L1) from L2, so sharing a pass saves about a third of their time; gate application,
/// which is bound by arithmetic, gained nothing from the same pairing and keeps its one-qubit kernels. Both qubits must be &gt;= 3 (whole 8-lane vectors, see
/// <see cref="GateKernels.UseWide"/>); <see cref="Supports"/> says when a pair qualifies, and callers fall back to
/// the one-qubit kernels otherwise.
/// </summary>
internal static unsafe class QubitPairKernels
{
    /// <summary>True when qubits <paramref name="a"/> and <paramref name="b"/> can share a pass on this hardware.</summary>
    public static bool Supports(int a, int b) => GateKernels.Wide && Math.Min(a, b) >= 3 && a != b;

    /// <summary>
    /// The <see cref="CrossTerm"/>s of qubits <paramref name="a"/> and <paramref name="b"/> from (phi, lambda),
    /// read-only: the same numbers as two <see cref="AdjointKernels.CrossTermOf"/> calls.
    /// </summary>
    public static (CrossTerm A, CrossTerm B) CrossTerms(double* pr, double* pi, double* lr, double* li, int n, int a, int b)
    {
        if (a > b)
        {
            var (first, second) = CrossTerms(pr, pi, lr, li, n, b, a);
            return (second, first);
        }
        // Per amplitude k: e_k = Im(f_k conj l_k); D of a qubit is the signed sum of the four (member 0 minus member 1),
        // so four accumulators serve both qubits. S and T need the products across each pair.
        var eA = Vector512<double>.Zero;
        var eB = Vector512<double>.Zero;
        var eC = Vector512<double>.Zero;
        var eD = Vector512<double>.Zero;
        var sa = Vector512<double>.Zero;
        var ta = Vector512<double>.Zero;
        var sb = Vector512<double>.Zero;
        var tb = Vector512<double>.Zero;
        int strideA = 1 << a, strideB = 1 << b;
        var walk = PairWalk.Group(n, a, b);
        for (int k = 0; k < walk.Count; k += 8)
        {
            // A = (0a, 0b), B = (1a, 0b), C = (0a, 1b), D = (1a, 1b).
            int iA = walk.Index(k), iB = iA + strideA, iC = iA + strideB, iD = iC + strideA;
            var fAr = Vector512.Load(pr + iA);
            var fAi = Vector512.Load(pi + iA);
            var fBr = Vector512.Load(pr + iB);
            var fBi = Vector512.Load(pi + iB);
            var fCr = Vector512.Load(pr + iC);
            var fCi = Vector512.Load(pi + iC);
            var fDr = Vector512.Load(pr + iD);
            var fDi = Vector512.Load(pi + iD);
            var lAr = Vector512.Load(lr + iA);
            var lAi = Vector512.Load(li + iA);
            var lBr = Vector512.Load(lr + iB);
            var lBi = Vector512.Load(li + iB);
            var lCr = Vector512.Load(lr + iC);
            var lCi = Vector512.Load(li + iC);
            var lDr = Vector512.Load(lr + iD);
            var lDi = Vector512.Load(li + iD);
            eA = Fnma(fAr, lAi, Fma(fAi, lAr, eA));
            eB = Fnma(fBr, lBi, Fma(fBi, lBr, eB));
            eC = Fnma(fCr, lCi, Fma(fCi, lCr, eC));
            eD = Fnma(fDr, lDi, Fma(fDi, lDr, eD));
            // Qubit a pairs (A, B) and (C, D); qubit b pairs (A, C) and (B, D). For a pair (0, 1):
            // S = Im(f0 conj l1) + Im(f1 conj l0), T = Re(f1 conj l0) - Re(f0 conj l1).
            sa += SPair(fAr, fAi, fBr, fBi, lAr, lAi, lBr, lBi) + SPair(fCr, fCi, fDr, fDi, lCr, lCi, lDr, lDi);
            ta += TPair(fAr, fAi, fBr, fBi, lAr, lAi, lBr, lBi) + TPair(fCr, fCi, fDr, fDi, lCr, lCi, lDr, lDi);
            sb += SPair(fAr, fAi, fCr, fCi, lAr, lAi, lCr, lCi) + SPair(fBr, fBi, fDr, fDi, lBr, lBi, lDr, lDi);
            tb += TPair(fAr, fAi, fCr, fCi, lAr, lAi, lCr, lCi) + TPair(fBr, fBi, fDr, fDi, lBr, lBi, lDr, lDi);
        }
        double a0 = Vector512.Sum(eA), a1 = Vector512.Sum(eB), a2 = Vector512.Sum(eC), a3 = Vector512.Sum(eD);
        return (new CrossTerm(a0 - a1 + a2 - a3, Vector512.Sum(sa), Vector512.Sum(ta)),
            new CrossTerm(a0 + a1 - a2 - a3, Vector512.Sum(sb), Vector512.Sum(tb)));
    }

    /// <summary>Im(f0 conj l1) + Im(f1 conj l0) with Im(f conj l) = f_im l_re - f_re l_im.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SPair(Vector512<double> f0r, Vector512<double> f0i, Vector512<double> f1r, Vector512<double> f1i,
        Vector512<double> l0r, Vector512<double> l0i, Vector512<double> l1r, Vector512<double> l1i) =>
        Fnma(f1r, l0i, Fma(f1i, l0r, Fnma(f0r, l1i, f0i * l1r)));

    /// <summary>Re(f1 conj l0) - Re(f0 conj l1) with Re(f conj l) = f_re l_re + f_im l_im.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TPair(Vector512<double> f0r, Vector512<double> f0i, Vector512<double> f1r, Vector512<double> f1i,
        Vector512<double> l0r, Vector512<double> l0i, Vector512<double> l1r, Vector512<double> l1i) =>
        Fnma(f0i, l1i, Fnma(f0r, l1r, Fma(f1i, l0i, f1r * l0r)));
}
