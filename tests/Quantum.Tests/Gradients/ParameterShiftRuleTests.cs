using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Tests.Gradients;

/// <summary>The shift rules reproduce analytic derivatives of small circuits.</summary>
public sealed class ParameterShiftRuleTests
{
    [Theory]
    [InlineData(GateKind.RX, 0.3)]
    [InlineData(GateKind.RY, -1.2)]
    [InlineData(GateKind.RY, 2.9)]
    public void Two_term_rule_differentiates_a_rotation(GateKind kind, double theta)
    {
        // f(t) = <Z> after R(t)|0> = cos t for RX and RY: f'(t) = -sin t.
        double Shifted(double t)
        {
            var s = new SplitStateVector(1);
            s.Apply(new GateOp(kind, 0, Theta: t));
            return s.ExpectationZ(0);
        }
        Assert.Equal(-Math.Sin(theta), Apply(ParameterShiftRule.For(kind), theta, Shifted), 14);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(-2.2)]
    public void Four_term_rule_differentiates_a_controlled_rotation(double theta)
    {
        // Control in |+>: (|0>|0> + |1> RY(t)|0>) / sqrt2, so f(t) = <X_control> = <0|RY(t)|0> = cos(t/2) and
        // f'(t) = -sin(t/2) / 2. The half frequency is what the two-term rule cannot handle: it gives
        // -sin(t/2) / sqrt2 instead; the four-term rule is exact.
        double Shifted(double t)
        {
            var s = new SplitStateVector(2);
            s.Apply(new Circuit(2).Add(GateOp.H(0)).Add(GateOp.Cry(0, 1, t)));
            return s.ExpectationX(0);
        }
        Assert.Equal(-Math.Sin(theta / 2) / 2, Apply(ParameterShiftRule.For(GateKind.CRY), theta, Shifted), 14);
        Assert.Equal(-Math.Sin(theta / 2) / Math.Sqrt(2), Apply(ParameterShiftRule.TwoTerm, theta, Shifted), 14);
    }

    [Fact]
    public void Four_term_coefficients_are_the_published_values()
    {
        var terms = ParameterShiftRule.FourTerm.Terms;
        Assert.Equal(4, terms.Count);
        double cPlus = (Math.Sqrt(2) + 1) / (4 * Math.Sqrt(2)), cMinus = (Math.Sqrt(2) - 1) / (4 * Math.Sqrt(2));
        Assert.Contains(new ShiftTerm(Math.PI / 2, cPlus), terms);
        Assert.Contains(new ShiftTerm(-Math.PI / 2, -cPlus), terms);
        Assert.Contains(new ShiftTerm(3 * Math.PI / 2, -cMinus), terms);
        Assert.Contains(new ShiftTerm(-3 * Math.PI / 2, cMinus), terms);
        Assert.Throws<NotSupportedException>(() => ParameterShiftRule.For(GateKind.H));
    }

    private static double Apply(ParameterShiftRule rule, double theta, Func<double, double> f) =>
        rule.Terms.Sum(t => t.Coefficient * f(theta + t.Shift));
}
