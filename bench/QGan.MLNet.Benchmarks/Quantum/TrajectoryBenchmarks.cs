using BenchmarkDotNet.Attributes;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Density;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Benchmarks.Quantum;

/// <summary>
/// Noisy simulation of the 12-qubit, 2-layer style circuit (132 encoded gates) with the IBM-Heron-like model:
/// 100 quantum trajectories, on all cores and on one; plus the exact density matrix on 8 qubits for scale.
/// <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*TrajectoryBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class TrajectoryBenchmarks
{
    private Circuit _circuit12 = null!;
    private Circuit _circuit8 = null!;
    private NoiseModel _model = null!;
    private NoiseModel _model8 = null!;
    private TrajectorySimulator _parallel = null!;
    private TrajectorySimulator _serial = null!;
    private TrajectorySimulator _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        _circuit12 = NoiseBenchmarkSetup.StyleCircuit(12, 2);
        _circuit8 = NoiseBenchmarkSetup.StyleCircuit(8, 2);
        _model = NoiseBenchmarkSetup.HeronLike();
        _model8 = new NoiseModel(_model.Qubits.Take(8).ToArray(), _model.TwoQubitDefault);
        _parallel = new TrajectorySimulator(_model);
        _serial = new TrajectorySimulator(_model, maxDegreeOfParallelism: 1);
        _reference = new TrajectorySimulator(_model, maxDegreeOfParallelism: 1, engine: TrajectoryEngine.Reference);
    }

    [Benchmark(Description = "12q 2L: 100 trajectories -> <Z>,<X> (all cores)")]
    public TrajectoryExpectations Expectations_parallel() => _parallel.Expectations(_circuit12, 100, 1);

    [Benchmark(Description = "12q 2L: 100 trajectories -> <Z>,<X> (1 thread)")]
    public TrajectoryExpectations Expectations_serial() => _serial.Expectations(_circuit12, 100, 1);

    [Benchmark(Description = "12q 2L: 100 trajectories, reference stepper (1 thread)")]
    public TrajectoryExpectations Expectations_reference_serial() => _reference.Expectations(_circuit12, 100, 1);

    [Benchmark(Description = "12q 2L: 10k shots over 100 trajectories, Z basis (all cores)")]
    public MeasurementCounts Sample_10k_shots() => _parallel.Sample(_circuit12, MeasurementBasis.Z, 10_000, 100, 1);

    [Benchmark(Description = "8q 2L: exact density matrix with noise")]
    public DensityMatrix Density_8q() => DensityMatrixSimulator.Run(_circuit8, _model8);
}
