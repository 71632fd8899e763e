using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>Mean and standard error (over trajectories) of noisy single-qubit expectations.</summary>
/// <param name="Z">Mean &lt;Z_i&gt; over trajectories.</param>
/// <param name="X">Mean &lt;X_i&gt; over trajectories.</param>
/// <param name="ZStandardError">Standard error of the mean of &lt;Z_i&gt;.</param>
/// <param name="XStandardError">Standard error of the mean of &lt;X_i&gt;.</param>
/// <param name="Trajectories">Number of trajectories averaged.</param>
public sealed record TrajectoryExpectations(double[] Z, double[] X, double[] ZStandardError, double[] XStandardError, int Trajectories);

/// <summary>Which implementation runs each trajectory (both sample the same process).</summary>
public enum TrajectoryEngine
{
    /// <summary><see cref="FusedTrajectoryRunner"/>: lazy Kraus operators fused into the next gate (about one pass per gate).</summary>
    Fused,
    /// <summary><see cref="TrajectoryStepper"/>: gate, then each channel applied on the spot (the plain reference).</summary>
    Reference,
}

/// <summary>
/// Noisy simulation by many quantum trajectories on <see cref="StateVector"/>, run in parallel. Every trajectory
/// draws from its own random stream <c>SeededRandom.ForStream(seed, id)</c>, so results are bit-identical for
/// a seed whatever the thread count or scheduling.
/// </summary>
public sealed class TrajectorySimulator
{
    /// <summary>A simulator for <paramref name="model"/> on up to <paramref name="maxDegreeOfParallelism"/> threads (-1: all cores).</summary>
    public TrajectorySimulator(NoiseModel model, int maxDegreeOfParallelism = -1, TrajectoryEngine engine = TrajectoryEngine.Fused)
    {
        if (engine is not (TrajectoryEngine.Fused or TrajectoryEngine.Reference))
        {
            throw new ArgumentOutOfRangeException(nameof(engine), engine, "unknown trajectory engine");
        }
        Engine = engine;
        Model = model ?? throw new ArgumentNullException(nameof(model));
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "use -1 (all cores) or a positive thread count");
        }
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>The device noise model.</summary>
    public NoiseModel Model { get; }

    /// <summary>Threads for the trajectories (-1: all cores); results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>The trajectory engine (fused or the step-by-step reference).</summary>
    public TrajectoryEngine Engine { get; }

    /// <summary>The final state of trajectory <paramref name="stream"/> (no basis change).</summary>
    public StateVector RunOne(Circuit circuit, ulong seed, ulong stream)
    {
        CheckCircuit(circuit);
        return Run(circuit, SeededRandom.ForStream(seed, stream));
    }

    /// <summary>
    /// Averages the exact &lt;Z_i&gt;, &lt;X_i&gt; of each final trajectory state (no shot noise, no readout error): an unbiased
    /// estimate of Tr(rho Z_i), Tr(rho X_i) of the noisy density matrix. Trajectory t uses stream t.
    /// </summary>
    public TrajectoryExpectations Expectations(Circuit circuit, int trajectories, ulong seed)
    {
        CheckCircuit(circuit);
        CheckPositive(trajectories, nameof(trajectories));
        int n = circuit.QubitCount;
        var z = new double[trajectories, n];
        var x = new double[trajectories, n];
        Parallel.For(0, trajectories, Options(), t =>
        {
            var state = RunOne(circuit, seed, (ulong)t);
            Span<double> zt = stackalloc double[n];
            Span<double> xt = stackalloc double[n];
            FusedKernels.ExpectationsZX(state.Amplitudes, zt, xt);
            for (int q = 0; q < n; q++)
            {
                z[t, q] = zt[q];
                x[t, q] = xt[q];
            }
        });
        var (zMean, zErr) = MeanAndError(z);
        var (xMean, xErr) = MeanAndError(x);
        return new TrajectoryExpectations(zMean, xMean, zErr, xErr, trajectories);
    }

    /// <summary>
    /// Measurement counts of <paramref name="shots"/> executions of <paramref name="circuit"/> in <paramref name="basis"/>
    /// (the basis change is noisy like every gate) with the model's readout error. The shots are spread evenly over
    /// <paramref name="trajectories"/> trajectories (at most one per shot); each trajectory samples its share from its
    /// final state. With one shot per trajectory this is exactly the device's sampling process; fewer trajectories are
    /// still unbiased but correlate shots of the same trajectory. Trajectory t uses stream
    /// <paramref name="streamOffset"/> + t.
    /// </summary>
    public MeasurementCounts Sample(Circuit circuit, MeasurementBasis basis, long shots, int trajectories, ulong seed, ulong streamOffset = 0)
    {
        CheckCircuit(circuit);
        if (shots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shots), shots, "shots must be >= 1");
        }
        CheckPositive(trajectories, nameof(trajectories));
        int runs = (int)Math.Min(trajectories, shots);
        var measured = MeasurementBasisCircuits.WithBasisChange(circuit, basis);
        int n = circuit.QubitCount;
        var readout = Model.ReadoutErrors;
        var total = new long[1 << n];
        var totalLock = new Lock();
        // Per-thread histograms; integer sums are order independent, so the result does not depend on scheduling.
        Parallel.For(0, runs, Options(), () => new long[1 << n], (t, _, histogram) =>
        {
            var rng = SeededRandom.ForStream(seed, streamOffset + (ulong)t);
            var state = Run(measured, rng);
            var probabilities = OutcomeSampler.Probabilities(state.Amplitudes);
            ReadoutError.ApplyTo(probabilities, readout);
            long share = shots / runs + (t < shots % runs ? 1 : 0);
            new OutcomeSampler(probabilities).Sample(share, rng, histogram);
            return histogram;
        }, histogram =>
        {
            lock (totalLock)
            {
                for (int i = 0; i < total.Length; i++)
                {
                    total[i] += histogram[i];
                }
            }
        });
        return MeasurementCounts.FromHistogram(n, total);
    }

    /// <summary>
    /// The outcome distribution of measuring <paramref name="circuit"/> in <paramref name="basis"/> (noisy basis change,
    /// then the model's readout error), averaged over <paramref name="trajectories"/> trajectories: an unbiased estimate
    /// of the device's distribution, from which any number of shots can then be drawn (e.g. a study of quality against
    /// shots that simulates the trajectories once). Trajectory t uses stream <paramref name="streamOffset"/> + t; the
    /// average is summed in trajectory order, so it is bit-identical for a seed whatever the thread count.
    /// </summary>
    public double[] Distribution(Circuit circuit, MeasurementBasis basis, int trajectories, ulong seed, ulong streamOffset = 0)
    {
        CheckCircuit(circuit);
        CheckPositive(trajectories, nameof(trajectories));
        var measured = MeasurementBasisCircuits.WithBasisChange(circuit, basis);
        var readout = Model.ReadoutErrors;
        var each = new double[trajectories][];
        Parallel.For(0, trajectories, Options(), t =>
        {
            var state = Run(measured, SeededRandom.ForStream(seed, streamOffset + (ulong)t));
            var probabilities = OutcomeSampler.Probabilities(state.Amplitudes);
            ReadoutError.ApplyTo(probabilities, readout);
            each[t] = probabilities;
        });
        var mean = new double[each[0].Length];
        foreach (var p in each)
        {
            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] += p[i];
            }
        }
        for (int i = 0; i < mean.Length; i++)
        {
            mean[i] /= trajectories;
        }
        return mean;
    }

    private StateVector Run(Circuit circuit, SeededRandom rng)
    {
        var state = new StateVector(circuit.QubitCount);
        if (Engine == TrajectoryEngine.Fused)
        {
            new FusedTrajectoryRunner(state, rng).Run(circuit, Model);
        }
        else
        {
            TrajectoryStepper.Run(state, circuit, Model, rng);
        }
        return state;
    }

    private ParallelOptions Options() => new() { MaxDegreeOfParallelism = MaxDegreeOfParallelism };

    private void CheckCircuit(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (circuit.QubitCount != Model.QubitCount)
        {
            throw new ArgumentException($"circuit has {circuit.QubitCount} qubits, the noise model {Model.QubitCount}", nameof(circuit));
        }
    }

    private static void CheckPositive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 1");
        }
    }

    private static (double[] Mean, double[] StandardError) MeanAndError(double[,] samples)
    {
        int t = samples.GetLength(0), n = samples.GetLength(1);
        var mean = new double[n];
        var err = new double[n];
        for (int q = 0; q < n; q++)
        {
            double s = 0;
            for (int i = 0; i < t; i++)
            {
                s += samples[i, q];
            }
            double m = s / t;
            double ss = 0;
            for (int i = 0; i < t; i++)
            {
                ss += (samples[i, q] - m) * (samples[i, q] - m);
            }
            mean[q] = m;
            err[q] = t > 1 ? Math.Sqrt(ss / (t - 1) / t) : double.PositiveInfinity;
        }
        return (mean, err);
    }
}
