using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// The kernels a style-circuit runner needs, for a state stored as split real / imaginary arrays of
/// <typeparamref name="T"/> (double or float), qubit q = bit q of the index. Implemented by value types, so a runner
/// generic over them calls the kernels directly (no virtual dispatch). Angles, matrices, expectations and gradients
/// stay double whatever the state precision; sums over the state are returned as double.
/// </summary>
internal unsafe interface IStateKernels<T>
    where T : unmanaged
{
    /// <summary>Applies a complex 2x2 matrix to <paramref name="target"/> (only where <paramref name="control"/>, if &gt;= 0, is 1).</summary>
    static abstract void ApplyMatrix(T* re, T* im, int n, int target, int control, in Matrix2 m);

    /// <summary>Applies the real matrix [[a, b], [c, d]].</summary>
    static abstract void ApplyReal(T* re, T* im, int n, int target, int control, double a, double b, double c, double d);

    /// <summary>&lt;Z_q&gt; for every qubit; <paramref name="scratch"/> has length 2^n.</summary>
    static abstract void AllZ(T* re, T* im, int n, T* scratch, Span<double> z);

    static abstract double X(T* re, T* im, int n, int q);

    static abstract double Y(T* re, T* im, int n, int q);

    /// <summary>lambda = H phi for H = sum_q gz[q] Z_q + gx[q] X_q + gy[q] Y_q.</summary>
    static abstract void Seed(T* pr, T* pi, T* lr, T* li, int n,
        ReadOnlySpan<double> gz, ReadOnlySpan<double> gx, ReadOnlySpan<double> gy, T* scratch);

    /// <summary>Returns T = Re(M10 - M01) over the pairs the real gate acts on, then applies it to phi and lambda.</summary>
    static abstract double RealGate(T* pr, T* pi, T* lr, T* li, int n, int target, int control,
        double a, double b, double c, double d);

    /// <summary>The read-only <see cref="CrossTerm"/> of qubit <paramref name="target"/>.</summary>
    static abstract CrossTerm CrossTermOf(T* pr, T* pi, T* lr, T* li, int n, int target);

    /// <summary>Whether <see cref="CrossTerms"/> serves qubits a and b in one pass on this hardware.</summary>
    static abstract bool SupportsPair(int a, int b);

    static abstract (CrossTerm A, CrossTerm B) CrossTerms(T* pr, T* pi, T* lr, T* li, int n, int a, int b);
}

/// <summary>The double-precision kernels (the default): <see cref="GateKernels"/>, <see cref="ExpectationKernels"/>,
/// <see cref="AdjointKernels"/> and <see cref="QubitPairKernels"/>.</summary>
internal readonly unsafe struct DoubleStateKernels : IStateKernels<double>
{
    public static void ApplyMatrix(double* re, double* im, int n, int target, int control, in Matrix2 m) =>
        GateKernels.ApplyMatrix(re, im, n, target, control, m);

    public static void ApplyReal(double* re, double* im, int n, int target, int control, double a, double b, double c, double d) =>
        GateKernels.ApplyReal(re, im, n, target, control, a, b, c, d);

    public static void AllZ(double* re, double* im, int n, double* scratch, Span<double> z) =>
        ExpectationKernels.AllZ(re, im, n, scratch, z);

    public static double X(double* re, double* im, int n, int q) => ExpectationKernels.X(re, im, n, q);

    public static double Y(double* re, double* im, int n, int q) => ExpectationKernels.Y(re, im, n, q);

    public static void Seed(double* pr, double* pi, double* lr, double* li, int n,
        ReadOnlySpan<double> gz, ReadOnlySpan<double> gx, ReadOnlySpan<double> gy, double* scratch) =>
        AdjointKernels.Seed(pr, pi, lr, li, n, gz, gx, gy, scratch);

    public static double RealGate(double* pr, double* pi, double* lr, double* li, int n, int target, int control,
        double a, double b, double c, double d) =>
        AdjointKernels.RealGate(pr, pi, lr, li, n, target, control, a, b, c, d);

    public static CrossTerm CrossTermOf(double* pr, double* pi, double* lr, double* li, int n, int target) =>
        AdjointKernels.CrossTermOf(pr, pi, lr, li, n, target);

    public static bool SupportsPair(int a, int b) => QubitPairKernels.Supports(a, b);

    public static (CrossTerm A, CrossTerm B) CrossTerms(double* pr, double* pi, double* lr, double* li, int n, int a, int b) =>
        QubitPairKernels.CrossTerms(pr, pi, lr, li, n, a, b);
}
