using BenchmarkDotNet.Attributes;
using QGan.MLNet.Quantum.Circuits;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.State;

namespace QGan.MLNet.Benchmarks.Quantum;

/// <summary>
/// General circuits: 100 random gates (every gate kind) on 16 qubits, applied gate by gate to the reference
/// <see cref="StateVector"/> (Complex[], scalar loops) and to <see cref="SplitStateVector"/> (split storage, SIMD).
/// ns per amplitude per gate = time[ns] / (2^16 * 100).
/// </summary>
// Min and median as well as the mean: on a shared machine the minimum is the least disturbed figure.
[SimpleJob(warmupCount: 2, iterationCount: 12)]
[MinColumn]
[MedianColumn]
public class StateVectorBenchmarks
{
    public const int Qubits = 16;
    public const int Gates = 100;

    private readonly Circuit _circuit = RandomCircuit();
    private readonly StateVector _reference = new(Qubits);
    private readonly SplitStateVector _fast = new(Qubits);

    [Benchmark(Baseline = true)]
    public void ReferenceGateByGate()
    {
        foreach (var op in _circuit.Gates)
        {
            _reference.Apply(op);
        }
    }

    [Benchmark]
    public void SplitSimd() => _fast.Apply(_circuit);

    private static Circuit RandomCircuit()
    {
        var rng = new Random(7);
        var kinds = Enum.GetValues<GateKind>();
        var circuit = new Circuit(Qubits);
        while (circuit.Gates.Count < Gates)
        {
            var kind = kinds[rng.Next(kinds.Length)];
            int target = rng.Next(Qubits);
            int control = new GateOp(kind, 0).IsControlled ? rng.Next(Qubits) : -1;
            if (control == target)
            {
                continue;
            }
            circuit.Add(new GateOp(kind, target, control, rng.NextDouble() * 6 - 3, rng.NextDouble() * 6 - 3, rng.NextDouble() * 6 - 3));
        }
        return circuit;
    }
}
