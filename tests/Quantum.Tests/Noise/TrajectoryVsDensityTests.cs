using QGan.MLNet.Core.Randomness;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Density;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Quantum.Tests.Noise;

/// <summary>Quantum trajectories (stochastic) against the exact density matrix on small noisy circuits.</summary>
public sealed class TrajectoryVsDensityTests
{
    // Strong noise so the comparison is sensitive: 1q depolarizing 2%, 2q 8%, T1 = 20 us, T2 = 15 us, slow gates.
    private static NoiseModel StrongNoise(int n) =>
        NoiseModel.Uniform(n, 20, 15, new ReadoutError(0.03, 0.06), 0.02, 200, 0.08, 600, "strong");

    private static NoiseModel MixedNoise() => new(
        [
            new QubitNoiseProperties(15, 12, new ReadoutError(0.01, 0.04), 0.03, 150),
            new QubitNoiseProperties(40, 70, new ReadoutError(0.05, 0.02), 0.01, 100),
            new QubitNoiseProperties(25, 10, new ReadoutError(0.00, 0.10), 0.05, 300),
        ],
        new TwoQubitGateProperties(0.05, 400),
        [new((1, 2), new TwoQubitGateProperties(0.15, 900))]);

    [Theory]
    [InlineData(3, TrajectoryEngine.Fused)]
    [InlineData(4, TrajectoryEngine.Fused)]
    [InlineData(3, TrajectoryEngine.Reference)]
    [InlineData(4, TrajectoryEngine.Reference)]
    public void Trajectory_expectations_agree_with_the_density_matrix(int qubits, TrajectoryEngine engine)
    {
        var circuit = ReferenceCases.Style(qubits).Circuit;
        var model = StrongNoise(qubits);
        var exact = DensityMatrixSimulator.Run(circuit, model);
        var estimate = new TrajectorySimulator(model, engine: engine).Expectations(circuit, trajectories: 1500, seed: 17);

        bool anyNoiseEffect = false;
        for (int q = 0; q < qubits; q++)
        {
            AssertWithin(exact.ExpectationZ(q), estimate.Z[q], estimate.ZStandardError[q], $"<Z_{q}>");
            AssertWithin(exact.ExpectationX(q), estimate.X[q], estimate.XStandardError[q], $"<X_{q}>");
            anyNoiseEffect |= Math.Abs(exact.ExpectationZ(q) - ReferenceCases.Style(qubits).Z[q]) > 0.05;
        }
        Assert.True(anyNoiseEffect, "the noise model should move the expectations away from the noiseless values");
    }

    [Fact]
    public void Realistic_device_noise_on_eight_qubits_agrees_with_the_density_matrix()
    {
        // The example Heron-like model restricted to 8 qubits (weak noise, the regime of real hardware).
        var heron = NoiseModelJson.Load(Path.Combine(QGan.MLNet.Tests.Shared.Fixtures.RepoRoot, "models", "noise", "ibm-heron-like.json"));
        var model = new NoiseModel(heron.Qubits.Take(8).ToArray(), heron.TwoQubitDefault,
            heron.Pairs.Where(p => p.Key.Item1 < 8 && p.Key.Item2 < 8).Select(p => new KeyValuePair<(int, int), TwoQubitGateProperties>(p.Key, p.Value)));
        var arch = new QGan.MLNet.Quantum.Style.StyleArchitecture(8, 2, 8);
        var p = QGan.MLNet.Quantum.Parameters.StyleParameters.Random(arch, 21);
        var circuit = arch.BuildCircuit(p.Weights, p.Biases, p.Noise);
        var ideal = new StateVector(8);
        ideal.Apply(circuit);

        var exact = DensityMatrixSimulator.Run(circuit, model);
        var estimate = new TrajectorySimulator(model).Expectations(circuit, trajectories: 400, seed: 2);

        double largestShift = 0;
        for (int q = 0; q < 8; q++)
        {
            AssertWithin(exact.ExpectationZ(q), estimate.Z[q], estimate.ZStandardError[q], $"<Z_{q}>");
            AssertWithin(exact.ExpectationX(q), estimate.X[q], estimate.XStandardError[q], $"<X_{q}>");
            largestShift = Math.Max(largestShift, Math.Abs(exact.ExpectationZ(q) - ideal.ExpectationZ(q)));
        }
        // Weak but visible: about 130 gates at 1e-4..1e-3 error each.
        Assert.InRange(largestShift, 0.005, 0.2);
    }

    [Theory]
    [InlineData(TrajectoryEngine.Fused)]
    [InlineData(TrajectoryEngine.Reference)]
    public void Per_pair_and_per_qubit_properties_are_honoured_the_same_way(TrajectoryEngine engine)
    {
        var circuit = ReferenceCases.Style(3).Circuit;
        var model = MixedNoise();
        var exact = DensityMatrixSimulator.Run(circuit, model);
        var estimate = new TrajectorySimulator(model, engine: engine).Expectations(circuit, trajectories: 1500, seed: 5);
        for (int q = 0; q < 3; q++)
        {
            AssertWithin(exact.ExpectationZ(q), estimate.Z[q], estimate.ZStandardError[q], $"<Z_{q}>");
            AssertWithin(exact.ExpectationX(q), estimate.X[q], estimate.XStandardError[q], $"<X_{q}>");
        }
    }

    [Theory]
    [InlineData(MeasurementBasis.Z, TrajectoryEngine.Fused)]
    [InlineData(MeasurementBasis.X, TrajectoryEngine.Fused)]
    [InlineData(MeasurementBasis.X, TrajectoryEngine.Reference)]
    public void Sampled_counts_follow_the_exact_noisy_distribution_with_readout_error(MeasurementBasis basis, TrajectoryEngine engine)
    {
        var circuit = ReferenceCases.Style(3).Circuit;
        var model = MixedNoise();
        var distribution = DensityMatrixSimulator.MeasurementDistribution(circuit, model, basis);
        const long shots = 3000;
        // One shot per trajectory: exactly the device's sampling process, so counts are multinomial.
        var counts = new TrajectorySimulator(model, engine: engine).Sample(circuit, basis, shots, trajectories: (int)shots, seed: 23);

        Assert.Equal(shots, counts.Shots);
        double chi2 = 0;
        int dof = -1;
        for (int i = 0; i < distribution.Length; i++)
        {
            string key = MeasurementCounts.Bitstring(i, 3);
            long observed = counts.Counts.GetValueOrDefault(key);
            double expected = distribution[i] * shots;
            chi2 += (observed - expected) * (observed - expected) / expected;
            dof++;
        }
        // 7 degrees of freedom: P(chi2 > 30) is about 1e-4.
        Assert.True(chi2 < 30, $"chi-square {chi2} with {dof} degrees of freedom");
    }

    [Theory]
    [InlineData(MeasurementBasis.Z)]
    [InlineData(MeasurementBasis.X)]
    public void The_trajectory_averaged_distribution_matches_the_exact_noisy_distribution(MeasurementBasis basis)
    {
        var circuit = ReferenceCases.Style(3).Circuit;
        var model = MixedNoise();
        var exact = DensityMatrixSimulator.MeasurementDistribution(circuit, model, basis);
        var averaged = new TrajectorySimulator(model).Distribution(circuit, basis, trajectories: 3000, seed: 31);
        Assert.Equal(1.0, averaged.Sum(), 12);
        for (int i = 0; i < exact.Length; i++)
        {
            // About 5 standard errors of a 3000-trajectory mean of per-trajectory probabilities (spread < 0.4).
            Assert.True(Math.Abs(exact[i] - averaged[i]) < 0.035, $"outcome {i}: exact {exact[i]}, averaged {averaged[i]}");
        }
        // Summed in trajectory order: the same bits on one thread as on all cores.
        Assert.Equal(averaged, new TrajectorySimulator(model, maxDegreeOfParallelism: 1).Distribution(circuit, basis, trajectories: 3000, seed: 31));
    }

    [Fact]
    public void Channels_with_non_diagonal_kraus_products_agree_with_the_density_matrix()
    {
        // The device channels all have diagonal K^dagger K; rotating the Kraus operators (K U) exercises the
        // off-diagonal terms of the branch probabilities in both the one- and two-qubit paths.
        var u = GateMatrices.Rx(0.7) * GateMatrices.Ry(-0.4) * GateMatrices.Rz(1.1);
        var rotatedDamping = new SingleQubitChannel("rotated", SingleQubitChannel.AmplitudeDamping(0.45).Kraus.Select(k => k * u));
        var rotatedDephasing = new SingleQubitChannel("rotated-pd", SingleQubitChannel.PhaseDamping(0.6).Kraus.Select(k => k * u.Adjoint()));
        var pair = TwoQubitChannel.Product(rotatedDamping, rotatedDephasing);
        Assert.True(rotatedDamping.IsTracePreserving() && pair.IsTracePreserving());
        var prepare = ReferenceCases.Style(3).Circuit;

        var exact = new DensityMatrix(3);
        exact.Apply(prepare);
        exact.ApplyChannel(rotatedDamping, 1);
        exact.ApplyChannel(pair, 2, 0);
        exact.ApplyChannel(rotatedDamping, 0);

        const int trajectories = 3000;
        var z = new double[3];
        var x = new double[3];
        var z2 = new double[3];
        var x2 = new double[3];
        for (int t = 0; t < trajectories; t++)
        {
            var rng = SeededRandom.ForStream(77, (ulong)t);
            var state = new StateVector(3);
            state.Apply(prepare);
            TrajectoryStepper.Apply(state, rotatedDamping, 1, rng);
            TrajectoryStepper.Apply(state, pair, 2, 0, rng);
            TrajectoryStepper.Apply(state, rotatedDamping, 0, rng);
            Assert.Equal(1, state.NormSquared(), 12);
            for (int q = 0; q < 3; q++)
            {
                double ez = state.ExpectationZ(q), ex = state.ExpectationX(q);
                z[q] += ez;
                z2[q] += ez * ez;
                x[q] += ex;
                x2[q] += ex * ex;
            }
        }
        for (int q = 0; q < 3; q++)
        {
            double mz = z[q] / trajectories, mx = x[q] / trajectories;
            AssertWithin(exact.ExpectationZ(q), mz, Math.Sqrt((z2[q] / trajectories - mz * mz) / trajectories), $"<Z_{q}>");
            AssertWithin(exact.ExpectationX(q), mx, Math.Sqrt((x2[q] / trajectories - mx * mx) / trajectories), $"<X_{q}>");
        }
    }

    [Fact]
    public void Both_engines_agree_on_the_twelve_qubit_style_circuit_with_device_noise()
    {
        // Beyond density-matrix reach: the two independent trajectory implementations cross-check each other.
        var model = NoiseModelJson.Load(Path.Combine(QGan.MLNet.Tests.Shared.Fixtures.RepoRoot, "models", "noise", "ibm-heron-like.json"));
        var circuit = ReferenceCases.Style(12).Circuit;
        var fused = new TrajectorySimulator(model, engine: TrajectoryEngine.Fused).Expectations(circuit, 150, seed: 8);
        var reference = new TrajectorySimulator(model, engine: TrajectoryEngine.Reference).Expectations(circuit, 150, seed: 9);
        for (int q = 0; q < 12; q++)
        {
            double se = Math.Sqrt(fused.ZStandardError[q] * fused.ZStandardError[q] + reference.ZStandardError[q] * reference.ZStandardError[q]);
            AssertWithin(reference.Z[q], fused.Z[q], se, $"<Z_{q}>");
            se = Math.Sqrt(fused.XStandardError[q] * fused.XStandardError[q] + reference.XStandardError[q] * reference.XStandardError[q]);
            AssertWithin(reference.X[q], fused.X[q], se, $"<X_{q}>");
        }
    }

    [Fact]
    public void Amplitude_damping_trajectories_jump_with_probability_gamma()
    {
        const int trajectories = 4000;
        double gamma = 0.3;
        int jumps = 0;
        for (int t = 0; t < trajectories; t++)
        {
            var state = new StateVector(2);
            state.Apply(GateOp.X(1));
            int branch = TrajectoryStepper.Apply(state, SingleQubitChannel.AmplitudeDamping(gamma), 1, SeededRandom.ForStream(1, (ulong)t));
            jumps += branch;
            Assert.Equal(1, state.NormSquared(), 14);
            // Either decayed to |00> or still |10> (no-jump operator keeps |1> up to normalisation).
            Assert.Equal(branch == 1 ? 1 : -1, state.ExpectationZ(1), 14);
        }
        double sigma = Math.Sqrt(gamma * (1 - gamma) / trajectories);
        Assert.InRange((double)jumps / trajectories, gamma - 5 * sigma, gamma + 5 * sigma);
    }

    [Fact]
    public void Results_are_identical_for_any_thread_count()
    {
        var circuit = ReferenceCases.Style(4).Circuit;
        var model = StrongNoise(4);
        var serial = new TrajectorySimulator(model, maxDegreeOfParallelism: 1);
        var parallel = new TrajectorySimulator(model, maxDegreeOfParallelism: 4);

        Assert.Equal(serial.Expectations(circuit, 40, 99).Z, parallel.Expectations(circuit, 40, 99).Z);
        Assert.Equal(serial.Sample(circuit, MeasurementBasis.X, 3000, 50, 99).Counts, parallel.Sample(circuit, MeasurementBasis.X, 3000, 50, 99).Counts);
        Assert.NotEqual(serial.Expectations(circuit, 40, 99).Z, serial.Expectations(circuit, 40, 100).Z);
    }

    [Theory]
    [InlineData(TrajectoryEngine.Fused)]
    [InlineData(TrajectoryEngine.Reference)]
    public void Trajectory_states_stay_normalised_under_noise(TrajectoryEngine engine)
    {
        var circuit = ReferenceCases.Style(4).Circuit;
        var simulator = new TrajectorySimulator(StrongNoise(4), engine: engine);
        for (ulong stream = 0; stream < 20; stream++)
        {
            Assert.Equal(1, simulator.RunOne(circuit, seed: 3, stream).NormSquared(), 12);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(12)]
    public void Fused_engine_without_noise_is_the_exact_statevector(int qubits)
    {
        var c = ReferenceCases.Style(qubits);
        var state = new TrajectorySimulator(NoiseModel.Ideal(qubits)).RunOne(c.Circuit, seed: 1, stream: 0);
        for (int q = 0; q < qubits; q++)
        {
            Assert.Equal(c.Z[q], state.ExpectationZ(q), 12);
            Assert.Equal(c.X[q], state.ExpectationX(q), 12);
        }
    }

    [Fact]
    public void Fused_engine_handles_arbitrary_channels_including_its_fallback_path()
    {
        // Rotated channels (non-diagonal K^dagger K), a two-qubit channel without product factors (fallback path),
        // a product channel and noise on a qubit the gate does not touch, against the exact density matrix.
        var u = GateMatrices.Ry(0.9) * GateMatrices.Rz(-0.6);
        var rotated = new SingleQubitChannel("rotated", SingleQubitChannel.AmplitudeDamping(0.3).Kraus.Select(k => u * k * u.Adjoint()));
        var general = new TwoQubitChannel("general", TwoQubitChannel.Depolarizing(0.4).Kraus);
        var product = TwoQubitChannel.Product(SingleQubitChannel.PhaseDamping(0.5), rotated);
        Assert.Null(general.ProductFactors);
        IReadOnlyList<NoiseStep> Noise(GateOp op) => op.IsControlled
            ? (op.Control + op.Target) % 2 == 1
                ? [new TwoQubitNoise(product, op.Target, op.Control), new SingleQubitNoise(rotated, op.Control)]
                : [new TwoQubitNoise(general, op.Control, op.Target)]
            : op.Target == 1
                ? [new SingleQubitNoise(rotated, 1), new SingleQubitNoise(SingleQubitChannel.Depolarizing(0.2), 1)]
                : op.Target == 2 ? [new SingleQubitNoise(rotated, 0)] : [];
        var circuit = ReferenceCases.Style(3).Circuit;

        var exact = new DensityMatrix(3);
        foreach (var op in circuit.Gates)
        {
            exact.Apply(op);
            foreach (var step in Noise(op))
            {
                exact.Apply(step);
            }
        }
        const int trajectories = 2000;
        var samples = new double[trajectories, 6];
        for (int t = 0; t < trajectories; t++)
        {
            var state = new StateVector(3);
            new FusedTrajectoryRunner(state, SeededRandom.ForStream(41, (ulong)t)).Run(circuit, Noise);
            Assert.Equal(1, state.NormSquared(), 12);
            for (int q = 0; q < 3; q++)
            {
                samples[t, q] = state.ExpectationZ(q);
                samples[t, 3 + q] = state.ExpectationX(q);
            }
        }
        for (int j = 0; j < 6; j++)
        {
            double mean = 0, sq = 0;
            for (int t = 0; t < trajectories; t++)
            {
                mean += samples[t, j];
                sq += samples[t, j] * samples[t, j];
            }
            mean /= trajectories;
            double se = Math.Sqrt((sq / trajectories - mean * mean) / trajectories);
            double exactValue = j < 3 ? exact.ExpectationZ(j) : exact.ExpectationX(j - 3);
            AssertWithin(exactValue, mean, se, j < 3 ? $"<Z_{j}>" : $"<X_{j - 3}>");
        }
    }

    [Fact]
    public void Mismatched_sizes_and_counts_are_rejected()
    {
        var sim = new TrajectorySimulator(NoiseModel.Ideal(3));
        Assert.Throws<ArgumentException>(() => sim.Expectations(new Circuit(2), 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Expectations(new Circuit(3), 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Sample(new Circuit(3), MeasurementBasis.Z, 0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrajectorySimulator(NoiseModel.Ideal(3), 0));
    }

    private static void AssertWithin(double exact, double estimate, double standardError, string what)
    {
        // Floor for quantities that barely vary between trajectories.
        double sigma = Math.Max(standardError, 1e-3);
        Assert.True(Math.Abs(exact - estimate) <= 5 * sigma,
            $"{what}: trajectories {estimate} +- {standardError}, density matrix {exact} ({Math.Abs(exact - estimate) / sigma:F2} sigma)");
    }
}
