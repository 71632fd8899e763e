using System.Numerics;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Noise;

namespace QGan.MLNet.Quantum.Tests.Noise;

public sealed class ChannelTests
{
    public static TheoryData<string> SingleQubitChannels() => ["depol 0", "depol 0.3", "depol 1", "depol 4/3", "ad 0.17", "ad 1",
        "pd 0.4", "pd 1", "thermal T2=2T1", "thermal T2<T1", "thermal long", "composed"];

    private static SingleQubitChannel Make(string name) => name switch
    {
        "depol 0" => SingleQubitChannel.Depolarizing(0),
        "depol 0.3" => SingleQubitChannel.Depolarizing(0.3),
        "depol 1" => SingleQubitChannel.Depolarizing(1),
        "depol 4/3" => SingleQubitChannel.Depolarizing(4.0 / 3),
        "ad 0.17" => SingleQubitChannel.AmplitudeDamping(0.17),
        "ad 1" => SingleQubitChannel.AmplitudeDamping(1),
        "pd 0.4" => SingleQubitChannel.PhaseDamping(0.4),
        "pd 1" => SingleQubitChannel.PhaseDamping(1),
        "thermal T2=2T1" => SingleQubitChannel.ThermalRelaxation(100, 200, 30),
        "thermal T2<T1" => SingleQubitChannel.ThermalRelaxation(210, 95, 0.05),
        "thermal long" => SingleQubitChannel.ThermalRelaxation(50, 40, 500),
        "composed" => SingleQubitChannel.ThermalRelaxation(150, 120, 7).After(SingleQubitChannel.Depolarizing(0.02)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(SingleQubitChannels))]
    public void Single_qubit_channels_are_trace_preserving(string name)
    {
        var s = Make(name).CompletenessSum();
        Assert.True(Complex.Abs(s.M00 - 1) < 1e-12 && Complex.Abs(s.M01) < 1e-12 && Complex.Abs(s.M10) < 1e-12 && Complex.Abs(s.M11 - 1) < 1e-12,
            $"{name}: sum K^dagger K = [[{s.M00}, {s.M01}], [{s.M10}, {s.M11}]]");
        Assert.True(Make(name).IsTracePreserving());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.004)]
    [InlineData(1.0)]
    [InlineData(16.0 / 15)]
    public void Two_qubit_depolarizing_is_trace_preserving(double p)
    {
        var channel = TwoQubitChannel.Depolarizing(p);
        Assert.Equal(16, channel.Kraus.Count);
        Assert.True(channel.CompletenessError() < 1e-12, $"completeness error {channel.CompletenessError()}");
    }

    [Fact]
    public void Product_of_trace_preserving_channels_is_trace_preserving()
    {
        var channel = TwoQubitChannel.Product(SingleQubitChannel.AmplitudeDamping(0.3), SingleQubitChannel.ThermalRelaxation(80, 60, 10));
        Assert.True(channel.IsTracePreserving());
    }

    [Fact]
    public void A_non_trace_preserving_set_is_detected()
    {
        var channel = new SingleQubitChannel("half", [SingleQubitChannel.Scale(0.5, Matrix2.Identity)]);
        Assert.False(channel.IsTracePreserving());
        var two = new TwoQubitChannel("two", [Matrix4.Identity, Matrix4.Identity]);
        Assert.False(two.IsTracePreserving());
    }

    [Fact]
    public void Thermal_relaxation_is_amplitude_then_phase_damping_with_the_t2_rate()
    {
        // Kraus operators of the composition, rho = [[a, b], [conj b, 1 - a]] -> rho_11 * e^{-t/T1}, b * e^{-t/T2}.
        double t1 = 120, t2 = 90, t = 25;
        var channel = SingleQubitChannel.ThermalRelaxation(t1, t2, t);
        Complex r00 = 0.3, r01 = new(0.2, -0.35), r11 = 0.7;
        Complex o01 = 0, o11 = 0;
        foreach (var k in channel.Kraus)
        {
            // (K rho K^dagger)_{01} and _{11}.
            Complex k00 = k.M00, k01 = k.M01, k10 = k.M10, k11 = k.M11;
            Complex a0 = k00 * r00 + k01 * Complex.Conjugate(r01), a1 = k00 * r01 + k01 * r11;
            Complex b0 = k10 * r00 + k11 * Complex.Conjugate(r01), b1 = k10 * r01 + k11 * r11;
            o01 += a0 * Complex.Conjugate(k10) + a1 * Complex.Conjugate(k11);
            o11 += b0 * Complex.Conjugate(k10) + b1 * Complex.Conjugate(k11);
        }
        Assert.Equal(0.7 * Math.Exp(-t / t1), o11.Real, 14);
        Assert.Equal(0, o11.Imaginary, 14);
        Assert.True(Complex.Abs(o01 - r01 * Math.Exp(-t / t2)) < 1e-14, $"coherence {o01}, expected {r01 * Math.Exp(-t / t2)}");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Out_of_range_parameters_are_rejected(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SingleQubitChannel.Depolarizing(p));
        Assert.Throws<ArgumentOutOfRangeException>(() => SingleQubitChannel.AmplitudeDamping(p));
        Assert.Throws<ArgumentOutOfRangeException>(() => SingleQubitChannel.PhaseDamping(p));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoQubitChannel.Depolarizing(p));
    }

    [Fact]
    public void Thermal_relaxation_requires_t2_at_most_twice_t1()
    {
        var ex = Assert.Throws<ArgumentException>(() => SingleQubitChannel.ThermalRelaxation(100, 201, 1));
        Assert.Contains("2 T1", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SingleQubitChannel.ThermalRelaxation(0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SingleQubitChannel.ThermalRelaxation(100, 100, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SingleQubitChannel.ThermalRelaxation(100, double.NaN, 1));
    }
}
