using TorchSharp;

namespace QGan.MLNet.Trainers.Runtime.ScalarSafe;

/// <summary>
/// Integer constants as TorchSharp <see cref="Scalar"/>s that live as long as the process, for the arguments that
/// TorchSharp would otherwise create implicitly (the alpha of <c>add(tensor)</c>, the exponent of <c>square()</c>,
/// the 1 of <c>1 - x</c>). Static fields are garbage-collection roots, so these are never finalized, and a native
/// call may read them from any thread. Integer-typed, as the implicit <c>int</c> conversions they replace, so the
/// results stay bit for bit those of the TorchSharp convenience overloads.
/// </summary>
public static class HeldScalars
{
    /// <summary>The integer 1.</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary>The integer 2.</summary>
    public static Scalar Two { get; } = 2.ToScalar();
}
