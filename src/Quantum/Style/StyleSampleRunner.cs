using System.Numerics;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Gradients;
using QGan.MLNet.Quantum.Kernels;

namespace QGan.MLNet.Quantum.Style;

/// <summary>
/// Simulates the style circuit for one sample at a time with buffers allocated once (one runner per worker
/// thread): forward pass, readout, adjoint backward pass and the parameter-shift Jacobian. Nothing in the
/// per-gate or per-sample path allocates. The state precision is a type parameter of the concrete runner
/// (<see cref="Create"/>); angles, outputs and gradients are double either way.
/// </summary>
internal abstract class StyleSampleRunner
{
    private readonly double[] _shifted;
    private readonly double[] _plus;
    private double[]? _jacobian;

    protected StyleSampleRunner(StyleArchitecture architecture)
    {
        Architecture = architecture;
        Layout = new StyleGateLayout(architecture.Qubits, architecture.Layers);
        Angles = new double[architecture.EncodedGateCount];
        AngleGradient = new double[architecture.EncodedGateCount];
        _shifted = new double[architecture.EncodedGateCount];
        _plus = new double[architecture.OutputCount];
    }

    /// <summary>A runner whose state is held in <paramref name="precision"/>.</summary>
    public static StyleSampleRunner Create(StyleArchitecture architecture, SimulationPrecision precision) => precision switch
    {
        SimulationPrecision.Double => new StyleSampleRunner<double, DoubleStateKernels>(architecture),
        SimulationPrecision.Single => new StyleSampleRunner<float, SingleStateKernels>(architecture),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown simulation precision"),
    };

    public StyleArchitecture Architecture { get; }

    protected StyleGateLayout Layout { get; }

    /// <summary>Angle buffer of the current sample (filled by the caller).</summary>
    public double[] Angles { get; }

    /// <summary>dL/d(angle) of the current sample (written by the backward passes).</summary>
    public double[] AngleGradient { get; }

    /// <summary>
    /// Runs the circuit on |0...0&gt; with <paramref name="angles"/>; the final state stays in phi. With
    /// <paramref name="checkpoint"/> the state at the start of every layer &gt;= 1 is kept for <see cref="Backward"/>.
    /// </summary>
    public abstract void Forward(ReadOnlySpan<double> angles, bool checkpoint = false);

    /// <summary>Writes the readout of the current state into <paramref name="outputs"/>.</summary>
    public abstract void Readout(Span<double> outputs);

    /// <summary>
    /// Adjoint method: given the final state from <see cref="Forward"/> (run with checkpoints) and dL/d(outputs),
    /// sweeps the circuit backwards once, writing dL/d(angle) for every encoded gate into <see cref="AngleGradient"/>.
    /// </summary>
    public abstract void Backward(ReadOnlySpan<double> angles, ReadOnlySpan<double> outputGradient);

    /// <summary>
    /// d(outputs)/d(angle) by the parameter-shift rule: two evaluations at +-pi/2 for RY / RZ, four at +-pi/2 and
    /// +-3pi/2 with weights (sqrt2 +- 1) / (4 sqrt2) for CRY. <paramref name="jacobian"/> is [outputs, gates] row-major.
    /// </summary>
    public void ParameterShiftJacobian(ReadOnlySpan<double> angles, Span<double> jacobian)
    {
        int gates = angles.Length;
        int outputs = Architecture.OutputCount;
        angles.CopyTo(_shifted);
        for (int g = 0; g < gates; g++)
        {
            var rule = ParameterShiftRule.For(Layout.IsCry(g) ? GateKind.CRY : GateKind.RY);
            for (int k = 0; k < outputs; k++)
            {
                jacobian[k * gates + g] = 0;
            }
            for (int t = 0; t < rule.Terms.Count; t++)
            {
                var term = rule.Terms[t];
                _shifted[g] = angles[g] + term.Shift;
                Forward(_shifted);
                Readout(_plus);
                for (int k = 0; k < outputs; k++)
                {
                    jacobian[k * gates + g] += term.Coefficient * _plus[k];
                }
            }
            _shifted[g] = angles[g];
        }
    }

    /// <summary>dL/d(angle) = J^T dL/d(outputs) with J from <see cref="ParameterShiftJacobian"/>, into <see cref="AngleGradient"/>.</summary>
    public void ParameterShiftBackward(ReadOnlySpan<double> angles, ReadOnlySpan<double> outputGradient)
    {
        _jacobian ??= new double[Architecture.OutputCount * Architecture.EncodedGateCount];
        var jacobianScratch = _jacobian;
        ParameterShiftJacobian(angles, jacobianScratch);
        int gates = angles.Length;
        for (int g = 0; g < gates; g++)
        {
            double sum = 0;
            for (int k = 0; k < outputGradient.Length; k++)
            {
                sum += outputGradient[k] * jacobianScratch[k * gates + g];
            }
            AngleGradient[g] = sum;
        }
    }

    /// <summary>Outputs of the circuit at <paramref name="angles"/> (forward + readout), for finite differences.</summary>
    public void Evaluate(ReadOnlySpan<double> angles, Span<double> outputs)
    {
        Forward(angles);
        Readout(outputs);
    }
}
