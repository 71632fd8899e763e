using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Gradients;

/// <summary>One evaluation of a shift rule: the circuit at angle + <see cref="Shift"/>, weighted by <see cref="Coefficient"/>.</summary>
public readonly record struct ShiftTerm(double Shift, double Coefficient);

/// <summary>
/// Exact parameter-shift rules (hardware-compatible gradients: only circuit evaluations at shifted angles).
/// A rotation exp(-i t P / 2) with a Pauli P has generator eigenvalues +-1/2, so
/// df/dt = [f(t + pi/2) - f(t - pi/2)] / 2. A controlled rotation has eigenvalues {0, +-1/2} and needs four terms:
/// df/dt = c+ [f(t + pi/2) - f(t - pi/2)] - c- [f(t + 3pi/2) - f(t - 3pi/2)], c+- = (sqrt2 +- 1) / (4 sqrt2).
/// </summary>
public sealed class ParameterShiftRule
{
    private static readonly double CPlus = (Math.Sqrt(2) + 1) / (4 * Math.Sqrt(2));
    private static readonly double CMinus = (Math.Sqrt(2) - 1) / (4 * Math.Sqrt(2));

    /// <summary>Rule for RX, RY, RZ.</summary>
    public static ParameterShiftRule TwoTerm { get; } = new(
        [new ShiftTerm(Math.PI / 2, 0.5), new ShiftTerm(-Math.PI / 2, -0.5)]);

    /// <summary>Rule for CRY, CRZ.</summary>
    public static ParameterShiftRule FourTerm { get; } = new(
    [
        new ShiftTerm(Math.PI / 2, CPlus), new ShiftTerm(-Math.PI / 2, -CPlus),
        new ShiftTerm(3 * Math.PI / 2, -CMinus), new ShiftTerm(-3 * Math.PI / 2, CMinus),
    ]);

    private ParameterShiftRule(ShiftTerm[] terms) => Terms = terms;

    /// <summary>The shifts and coefficients: df/dtheta = sum of coefficient * f(theta + shift).</summary>
    public IReadOnlyList<ShiftTerm> Terms { get; }

    /// <summary>The rule for a one-parameter gate kind.</summary>
    public static ParameterShiftRule For(GateKind kind) => kind switch
    {
        GateKind.RX or GateKind.RY or GateKind.RZ => TwoTerm,
        GateKind.CRY or GateKind.CRZ => FourTerm,
        _ => throw new NotSupportedException($"{kind} has no single-angle parameter-shift rule"),
    };
}
