using System.Buffers;
using System.Collections.Concurrent;
using QGan.MLNet.Quantum.Gradients;

namespace QGan.MLNet.Quantum.Style;

/// <summary>
/// The batched style-based quantum generator: for a batch of noise vectors z[b] (each giving its own angles
/// w[g] z[b, g mod D] + b[g]) it returns the readout of the style circuit per sample, and back-propagates
/// dL/d(outputs) to the weights, biases and noise. Samples run in parallel (up to
/// <see cref="MaxDegreeOfParallelism"/> threads), each on a reusable per-thread runner with SIMD kernels; the
/// results do not depend on the thread count (every sample is computed by one thread, and batch sums are
/// reduced in sample order afterwards). Thread-safe: concurrent calls rent separate runners.
/// All buffers are flat and row-major: noise [batch, LatentDim], outputs [batch, OutputCount].
/// </summary>
public sealed unsafe class StyleGenerator
{
    private readonly ConcurrentBag<StyleSampleRunner> _runners = [];
    private readonly SampleWorkerCrew<StyleSampleRunner> _crew;
    private readonly SimulationPrecision _precision = SimulationPrecision.Double;

    /// <param name="architecture">Circuit shape and readout.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads per call; 0 or negative: one per processor.</param>
    public StyleGenerator(StyleArchitecture architecture, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Architecture = architecture;
        MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        _crew = new SampleWorkerCrew<StyleSampleRunner>(Rent, Return, WorkerLinger);
    }

    /// <summary>
    /// How long an idle helper thread keeps looking for the next call (yielding its CPU) before it goes back to the
    /// thread pool: back-to-back calls then find their helpers awake. On the 2-vCPU virtual machine this saves about
    /// 1 % of a back-to-back forward call (docs/quantum-engine.md); it costs at most 1 ms of CPU time per gap between
    /// calls.
    /// </summary>
    public static TimeSpan WorkerLinger { get; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The circuit layout.</summary>
    public StyleArchitecture Architecture { get; }

    /// <summary>Worker threads per call (samples are split across them; results do not depend on it).</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>
    /// Floating-point type of the simulated state (default <see cref="SimulationPrecision.Double"/>). Single precision
    /// is about 1.5-2x faster with AVX-512 and agrees with double to about 1e-5 in outputs and gradients
    /// (docs/quantum-engine.md); every other input and output stays double.
    /// </summary>
    public SimulationPrecision Precision
    {
        get => _precision;
        init => _precision = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Precision), value, "unknown simulation precision");
    }

    /// <summary>Step of <see cref="GradientMethod.FiniteDifference"/> (central differences, error O(step^2)).</summary>
    public double FiniteDifferenceStep { get; init; } = 1e-5;

    /// <summary>Encoded gates G (= length of weights and biases).</summary>
    public int EncodedGateCount => Architecture.EncodedGateCount;

    /// <summary>Noise values per sample.</summary>
    public int LatentDim => Architecture.LatentDim;

    /// <summary>Outputs per sample (2n for the default ZX readout).</summary>
    public int OutputCount => Architecture.OutputCount;

    /// <summary>Generator outputs for every noise row: <paramref name="outputs"/>[b, k].</summary>
    public void Forward(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise, Span<double> outputs)
    {
        int batch = ValidateInputs(weights, biases, noise);
        StyleInputValidation.Length(outputs.Length, batch * OutputCount, nameof(outputs));
        fixed (double* w = weights, b = biases, z = noise, y = outputs)
        {
            var job = new Job(w, b, z, y, null, null, null);
            ForEachSample(0, batch, (runner, s) => job.Forward(runner, s));
        }
    }

    /// <summary>Array convenience: returns outputs [batch, OutputCount] for noise [batch, LatentDim] (flat).</summary>
    public double[] Forward(double[] weights, double[] biases, double[] noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        var outputs = new double[StyleInputValidation.BatchSize(noise.Length, LatentDim, nameof(noise)) * OutputCount];
        Forward(weights, biases, noise, outputs);
        return outputs;
    }

    /// <summary>
    /// Vector-Jacobian product: given dL/d(outputs) [batch, OutputCount], writes dL/d(weights) and dL/d(biases)
    /// (summed over the batch) and dL/d(noise) [batch, LatentDim]. The forward pass is recomputed; pass
    /// <paramref name="outputs"/> (or leave it empty) to also receive its outputs.
    /// </summary>
    public void Backward(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise,
        ReadOnlySpan<double> outputGradients, Span<double> weightGradients, Span<double> biasGradients, Span<double> noiseGradients,
        GradientMethod method = GradientMethod.Adjoint, Span<double> outputs = default)
    {
        int batch = ValidateInputs(weights, biases, noise);
        int gates = EncodedGateCount;
        StyleInputValidation.Length(outputGradients.Length, batch * OutputCount, nameof(outputGradients));
        StyleInputValidation.Finite(outputGradients, OutputCount, nameof(outputGradients));
        StyleInputValidation.Length(weightGradients.Length, gates, nameof(weightGradients));
        StyleInputValidation.Length(biasGradients.Length, gates, nameof(biasGradients));
        StyleInputValidation.Length(noiseGradients.Length, batch * LatentDim, nameof(noiseGradients));
        if (!outputs.IsEmpty)
        {
            StyleInputValidation.Length(outputs.Length, batch * OutputCount, nameof(outputs));
        }
        if (method == GradientMethod.FiniteDifference)
        {
            if (!outputs.IsEmpty)
            {
                Forward(weights, biases, noise, outputs);
            }
            FiniteDifferences(weights, biases, noise, outputGradients, weightGradients, biasGradients, noiseGradients);
            return;
        }
        if (method is not (GradientMethod.Adjoint or GradientMethod.ParameterShift))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "unknown gradient method");
        }

        var angleGradients = ArrayPool<double>.Shared.Rent(batch * gates);
        try
        {
            fixed (double* w = weights, b = biases, z = noise, y = outputs, gy = outputGradients, gz = noiseGradients, ga = angleGradients)
            {
                var job = new Job(w, b, z, outputs.IsEmpty ? null : y, gy, gz, ga);
                if (method == GradientMethod.Adjoint)
                {
                    ForEachSample(0, batch, (runner, s) => job.Adjoint(runner, s));
                }
                else
                {
                    ForEachSample(0, batch, (runner, s) => job.ParameterShift(runner, s));
                }
            }
            ReduceOverBatch(angleGradients, noise, batch, weightGradients, biasGradients);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(angleGradients);
        }
    }

    /// <summary>Array convenience for <see cref="Backward(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double}, GradientMethod, Span{double})"/>.</summary>
    public StyleGradient Backward(double[] weights, double[] biases, double[] noise, double[] outputGradients,
        GradientMethod method = GradientMethod.Adjoint)
    {
        ArgumentNullException.ThrowIfNull(noise);
        int batch = StyleInputValidation.BatchSize(noise.Length, LatentDim, nameof(noise));
        var result = new StyleGradient(new double[batch * OutputCount], new double[EncodedGateCount], new double[EncodedGateCount], new double[noise.Length]);
        Backward(weights, biases, noise, outputGradients, result.Weights, result.Biases, result.Noise, method, result.Outputs);
        return result;
    }

    /// <summary>
    /// d(outputs)/d(angles) of one sample as a flat [OutputCount, G] matrix: by the parameter-shift rule, by one
    /// adjoint sweep per output, or by central differences of the angles.
    /// </summary>
    public double[] AngleJacobian(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noiseSample,
        GradientMethod method = GradientMethod.ParameterShift)
    {
        StyleInputValidation.Length(noiseSample.Length, LatentDim, nameof(noiseSample));
        ValidateInputs(weights, biases, noiseSample);
        int gates = EncodedGateCount, outputs = OutputCount;
        var jacobian = new double[outputs * gates];
        var runner = Rent();
        try
        {
            Architecture.Angles(weights, biases, noiseSample, runner.Angles);
            var angles = runner.Angles;
            switch (method)
            {
                case GradientMethod.ParameterShift:
                    runner.ParameterShiftJacobian(angles, jacobian);
                    break;
                case GradientMethod.Adjoint:
                    var unit = new double[outputs];
                    for (int k = 0; k < outputs; k++)
                    {
                        unit[k] = 1;
                        runner.Forward(angles, checkpoint: true);
                        runner.Backward(angles, unit);
                        runner.AngleGradient.CopyTo(jacobian.AsSpan(k * gates, gates));
                        unit[k] = 0;
                    }
                    break;
                case GradientMethod.FiniteDifference:
                    var shifted = (double[])angles.Clone();
                    var plus = new double[outputs];
                    var minus = new double[outputs];
                    double h = FiniteDifferenceStep;
                    for (int g = 0; g < gates; g++)
                    {
                        shifted[g] = angles[g] + h;
                        runner.Evaluate(shifted, plus);
                        shifted[g] = angles[g] - h;
                        runner.Evaluate(shifted, minus);
                        shifted[g] = angles[g];
                        for (int k = 0; k < outputs; k++)
                        {
                            jacobian[k * gates + g] = (plus[k] - minus[k]) / (2 * h);
                        }
                    }
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(method), method, "unknown gradient method");
            }
        }
        finally
        {
            Return(runner);
        }
        return jacobian;
    }

    /// <summary>
    /// Full Jacobian of one sample's outputs with respect to the trainable parameters and the noise, by the chain
    /// rule through <see cref="AngleJacobian"/>: d y_k / d w_g = J[k, g] z[g mod D], d y_k / d b_g = J[k, g],
    /// d y_k / d z_d = sum over g = d mod D of J[k, g] w_g.
    /// </summary>
    public StyleJacobian ParameterJacobian(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noiseSample,
        GradientMethod method = GradientMethod.ParameterShift)
    {
        var angles = AngleJacobian(weights, biases, noiseSample, method);
        int gates = EncodedGateCount, outputs = OutputCount, latent = LatentDim;
        var dw = new double[outputs * gates];
        var dz = new double[outputs * latent];
        for (int k = 0; k < outputs; k++)
        {
            for (int g = 0; g < gates; g++)
            {
                double j = angles[k * gates + g];
                dw[k * gates + g] = j * noiseSample[g % latent];
                dz[k * latent + g % latent] += j * weights[g];
            }
        }
        return new StyleJacobian(dw, angles, dz);
    }

    private int ValidateInputs(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise)
    {
        int gates = EncodedGateCount, latent = LatentDim;
        StyleInputValidation.Length(weights.Length, gates, nameof(weights));
        StyleInputValidation.Length(biases.Length, gates, nameof(biases));
        int batch = StyleInputValidation.BatchSize(noise.Length, latent, nameof(noise));
        StyleInputValidation.Finite(weights, nameof(weights));
        StyleInputValidation.Finite(biases, nameof(biases));
        StyleInputValidation.Finite(noise, latent, nameof(noise));
        // Finite inputs can still overflow to an infinite angle (e.g. 1e300 * 1e300).
        for (int s = 0; s < batch; s++)
        {
            var z = noise.Slice(s * latent, latent);
            for (int g = 0; g < gates; g++)
            {
                if (!double.IsFinite(weights[g] * z[g % latent] + biases[g]))
                {
                    throw new ArgumentException(
                        $"angle of encoded gate {g} for noise row {s} is not finite (weights[{g}] = {weights[g]}, noise[{s}, {g % latent}] = {z[g % latent]}, biases[{g}] = {biases[g]})",
                        nameof(noise));
                }
            }
        }
        return batch;
    }

    /// <summary>dL/dw[g] = sum_b dL/dangle[b, g] z[b, g mod D]; dL/db[g] = sum_b dL/dangle[b, g]; in sample order.</summary>
    private void ReduceOverBatch(double[] angleGradients, ReadOnlySpan<double> noise, int batch, Span<double> weightGradients, Span<double> biasGradients)
    {
        int gates = EncodedGateCount, latent = LatentDim;
        weightGradients.Clear();
        biasGradients.Clear();
        for (int s = 0; s < batch; s++)
        {
            var row = angleGradients.AsSpan(s * gates, gates);
            var z = noise.Slice(s * latent, latent);
            for (int g = 0; g < gates; g++)
            {
                weightGradients[g] += row[g] * z[g % latent];
                biasGradients[g] += row[g];
            }
        }
    }

    private void FiniteDifferences(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> noise,
        ReadOnlySpan<double> outputGradients, Span<double> weightGradients, Span<double> biasGradients, Span<double> noiseGradients)
    {
        double h = FiniteDifferenceStep;
        int latent = LatentDim;
        int batch = noise.Length / latent;
        var w = weights.ToArray();
        var b = biases.ToArray();
        var z = noise.ToArray();
        var g = outputGradients.ToArray();
        var y = new double[batch * OutputCount];

        double Loss(int first, int count)
        {
            Forward(w, b, z.AsSpan(first * latent, count * latent), y.AsSpan(first * OutputCount, count * OutputCount));
            double sum = 0;
            for (int i = first * OutputCount; i < (first + count) * OutputCount; i++)
            {
                sum += g[i] * y[i];
            }
            return sum;
        }

        double Central(double[] values, int index, Span<double> gradient, int gradientIndex, int first, int count)
        {
            double original = values[index];
            values[index] = original + h;
            double plus = Loss(first, count);
            values[index] = original - h;
            double minus = Loss(first, count);
            values[index] = original;
            return gradient[gradientIndex] = (plus - minus) / (2 * h);
        }

        for (int i = 0; i < w.Length; i++)
        {
            Central(w, i, weightGradients, i, 0, batch);
            Central(b, i, biasGradients, i, 0, batch);
        }
        for (int i = 0; i < z.Length; i++)
        {
            Central(z, i, noiseGradients, i, i / latent, 1);
        }
    }

    /// <summary>Runs <paramref name="body"/> for samples first..first+count-1 on up to
    /// <see cref="MaxDegreeOfParallelism"/> threads (see <see cref="SampleWorkerCrew{TState}"/>).</summary>
    private void ForEachSample(int first, int count, Action<StyleSampleRunner, int> body) =>
        _crew.Run(first, count, Math.Min(MaxDegreeOfParallelism, count), body);

    private StyleSampleRunner Rent() => _runners.TryTake(out var runner) ? runner : StyleSampleRunner.Create(Architecture, Precision);

    private void Return(StyleSampleRunner runner) => _runners.Add(runner);

    /// <summary>Raw views of one call's buffers, shared by the per-sample bodies (the caller keeps them pinned).</summary>
    private readonly struct Job(double* weights, double* biases, double* noise, double* outputs,
        double* outputGradients, double* noiseGradients, double* angleGradients)
    {
        public void Forward(StyleSampleRunner runner, int s)
        {
            var arch = runner.Architecture;
            FillAngles(runner, s);
            runner.Forward(runner.Angles);
            runner.Readout(new Span<double>(outputs + s * arch.OutputCount, arch.OutputCount));
        }

        public void Adjoint(StyleSampleRunner runner, int s)
        {
            var arch = runner.Architecture;
            FillAngles(runner, s);
            runner.Forward(runner.Angles, checkpoint: true);
            if (outputs != null)
            {
                runner.Readout(new Span<double>(outputs + s * arch.OutputCount, arch.OutputCount));
            }
            runner.Backward(runner.Angles, new ReadOnlySpan<double>(outputGradients + s * arch.OutputCount, arch.OutputCount));
            Chain(runner, s);
        }

        public void ParameterShift(StyleSampleRunner runner, int s)
        {
            var arch = runner.Architecture;
            FillAngles(runner, s);
            if (outputs != null)
            {
                runner.Evaluate(runner.Angles, new Span<double>(outputs + s * arch.OutputCount, arch.OutputCount));
            }
            runner.ParameterShiftBackward(runner.Angles, new ReadOnlySpan<double>(outputGradients + s * arch.OutputCount, arch.OutputCount));
            Chain(runner, s);
        }

        private void FillAngles(StyleSampleRunner runner, int s)
        {
            int latent = runner.Architecture.LatentDim;
            var angles = runner.Angles;
            double* z = noise + s * latent;
            for (int g = 0; g < angles.Length; g++)
            {
                angles[g] = weights[g] * z[g % latent] + biases[g];
            }
        }

        /// <summary>Stores this sample's angle gradient and its noise gradient dL/dz[d] = sum_{g = d mod D} dL/dangle[g] w[g].</summary>
        private void Chain(StyleSampleRunner runner, int s)
        {
            int latent = runner.Architecture.LatentDim;
            var grad = runner.AngleGradient;
            grad.CopyTo(new Span<double>(angleGradients + s * grad.Length, grad.Length));
            double* dz = noiseGradients + s * latent;
            new Span<double>(dz, latent).Clear();
            for (int g = 0; g < grad.Length; g++)
            {
                dz[g % latent] += grad[g] * weights[g];
            }
        }
    }
}
