using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Sampling;

namespace QGan.MLNet.Quantum.Noise;

/// <summary>Calibration-style properties of one qubit (times in microseconds, durations in nanoseconds).</summary>
/// <param name="T1Us">Energy relaxation time T1 in microseconds.</param>
/// <param name="T2Us">Dephasing time T2 in microseconds (T2 &lt;= 2 T1).</param>
/// <param name="Readout">Readout confusion (p01 = P(read 1|0), p10 = P(read 0|1)).</param>
/// <param name="Gate1QError">Depolarizing probability p of the single-qubit depolarizing channel applied after each single-qubit gate.</param>
/// <param name="Gate1QDurationNs">Single-qubit gate duration in nanoseconds (thermal relaxation acts for this long).</param>
public sealed record QubitNoiseProperties(double T1Us, double T2Us, ReadoutError Readout, double Gate1QError, double Gate1QDurationNs);

/// <summary>Properties of the two-qubit gate on a pair.</summary>
/// <param name="Error">Depolarizing probability p of the two-qubit depolarizing channel applied after the gate.</param>
/// <param name="DurationNs">Gate duration in nanoseconds (both qubits relax for this long).</param>
public sealed record TwoQubitGateProperties(double Error, double DurationNs);

/// <summary>
/// A device noise model: after every gate the simulators apply the channels returned by <see cref="After"/>;
/// at measurement the per-qubit <see cref="ReadoutErrors"/> act classically.
/// <list type="bullet">
/// <item>single-qubit gate on q: depolarizing(p_1q[q]), then thermal relaxation(T1[q], T2[q], t_1q[q]);</item>
/// <item>two-qubit gate on (c, t): two-qubit depolarizing(p_2q[c,t]), then thermal relaxation(T1, T2, t_2q) on c and on t.</item>
/// </list>
/// Idle qubits do not decohere while others are gated and there is no crosstalk (no scheduling is modelled). The
/// simulators apply it to native gates: a controlled rotation runs as its two-CX sequence (<see cref="NativeGates"/>),
/// so it costs two two-qubit gates of noise, as on a device.
/// </summary>
public sealed class NoiseModel
{
    private readonly QubitNoiseProperties[] _qubits;
    private readonly Dictionary<(int, int), TwoQubitGateProperties> _pairs;
    private readonly SingleQubitChannel[] _after1Q;
    private readonly NoiseStep[][] _after1QSteps;
    private readonly Dictionary<(int, int), NoiseStep[]> _after2QCache = [];
    private readonly Lock _cacheLock = new();

    /// <summary>A device model: per-qubit properties, the default two-qubit gate properties and per-pair overrides.</summary>
    public NoiseModel(
        IReadOnlyList<QubitNoiseProperties> qubits,
        TwoQubitGateProperties twoQubitDefault,
        IEnumerable<KeyValuePair<(int A, int B), TwoQubitGateProperties>>? pairs = null,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(qubits);
        ArgumentNullException.ThrowIfNull(twoQubitDefault);
        if (qubits.Count is < 1 or > Circuits.Circuit.MaxQubits)
        {
            throw new ArgumentException($"a noise model needs 1..{Circuits.Circuit.MaxQubits} qubits, got {qubits.Count}", nameof(qubits));
        }
        _qubits = qubits.ToArray();
        _after1Q = new SingleQubitChannel[_qubits.Length];
        for (int q = 0; q < _qubits.Length; q++)
        {
            var p = _qubits[q] ?? throw new ArgumentException($"qubit {q} has no properties", nameof(qubits));
            try
            {
                _after1Q[q] = Relaxation(p, p.Gate1QDurationNs).After(SingleQubitChannel.Depolarizing(p.Gate1QError));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"qubit {q}: {ex.Message}", nameof(qubits), ex);
            }
        }
        _after1QSteps = _after1Q.Select((channel, q) => channel.IsIdentity ? [] : new NoiseStep[] { new SingleQubitNoise(channel, q) }).ToArray();
        CheckTwoQubit(twoQubitDefault, "default two-qubit gate");
        TwoQubitDefault = twoQubitDefault;
        _pairs = [];
        foreach (var ((a, b), props) in pairs ?? [])
        {
            if (a < 0 || a >= _qubits.Length || b < 0 || b >= _qubits.Length || a == b)
            {
                throw new ArgumentException($"two-qubit pair ({a}, {b}) is not a pair of distinct qubits in 0..{_qubits.Length - 1}", nameof(pairs));
            }
            CheckTwoQubit(props, $"two-qubit gate on ({a}, {b})");
            if (!_pairs.TryAdd(Key(a, b), props))
            {
                throw new ArgumentException($"two-qubit pair ({a}, {b}) is given twice", nameof(pairs));
            }
        }
        Name = name ?? "noise model";
    }

    /// <summary>Name of the model (e.g. the device it imitates), for reports.</summary>
    public string Name { get; }

    /// <summary>Number of qubits the model describes.</summary>
    public int QubitCount => _qubits.Length;

    /// <summary>Per-qubit T1, T2, readout error, single-qubit gate error and duration.</summary>
    public IReadOnlyList<QubitNoiseProperties> Qubits => _qubits;

    /// <summary>Error and duration of two-qubit gates on pairs without an override.</summary>
    public TwoQubitGateProperties TwoQubitDefault { get; }

    /// <summary>Pairs with their own two-qubit properties (keys with the smaller index first; pairs are unordered).</summary>
    public IReadOnlyDictionary<(int, int), TwoQubitGateProperties> Pairs => _pairs;

    /// <summary>The per-qubit readout errors.</summary>
    public IReadOnlyList<ReadoutError> ReadoutErrors => _qubits.Select(q => q.Readout).ToArray();

    /// <summary>A model without any noise on <paramref name="qubitCount"/> qubits.</summary>
    public static NoiseModel Ideal(int qubitCount) => Uniform(qubitCount, double.PositiveInfinity, double.PositiveInfinity, ReadoutError.None, 0, 0, 0, 0, "ideal");

    /// <summary>The same properties on every qubit and pair.</summary>
    public static NoiseModel Uniform(int qubitCount, double t1Us, double t2Us, ReadoutError readout, double gate1QError, double gate1QDurationNs, double gate2QError, double gate2QDurationNs, string? name = null) =>
        new(Enumerable.Repeat(new QubitNoiseProperties(t1Us, t2Us, readout, gate1QError, gate1QDurationNs), qubitCount).ToArray(),
            new TwoQubitGateProperties(gate2QError, gate2QDurationNs), null, name ?? "uniform");

    /// <summary>Two-qubit properties of the (unordered) pair.</summary>
    public TwoQubitGateProperties TwoQubitGate(int a, int b) => _pairs.GetValueOrDefault(Key(a, b), TwoQubitDefault);

    /// <summary>The channel applied after a single-qubit gate on <paramref name="qubit"/> (depolarizing then relaxation, composed).</summary>
    public SingleQubitChannel AfterSingleQubitGate(int qubit) => _after1Q[CheckQubit(qubit)];

    /// <summary>The noise steps applied after <paramref name="op"/>, in order (identity channels omitted).</summary>
    public IReadOnlyList<NoiseStep> After(in GateOp op)
    {
        if (!op.IsControlled)
        {
            return _after1QSteps[CheckQubit(op.Target)];
        }
        int c = CheckQubit(op.Control), t = CheckQubit(op.Target);
        lock (_cacheLock)
        {
            if (!_after2QCache.TryGetValue((c, t), out var steps))
            {
                steps = BuildTwoQubitSteps(c, t);
                _after2QCache[(c, t)] = steps;
            }
            return steps;
        }
    }

    private NoiseStep[] BuildTwoQubitSteps(int c, int t)
    {
        var props = TwoQubitGate(c, t);
        var steps = new List<NoiseStep>(3);
        if (props.Error > 0)
        {
            steps.Add(new TwoQubitNoise(TwoQubitChannel.Depolarizing(props.Error), c, t));
        }
        foreach (int q in new[] { c, t })
        {
            var relax = Relaxation(_qubits[q], props.DurationNs);
            if (!relax.IsIdentity)
            {
                steps.Add(new SingleQubitNoise(relax, q));
            }
        }
        return steps.ToArray();
    }

    private static SingleQubitChannel Relaxation(QubitNoiseProperties p, double durationNs) =>
        SingleQubitChannel.ThermalRelaxation(p.T1Us, p.T2Us, durationNs / 1000.0);

    private static void CheckTwoQubit(TwoQubitGateProperties props, string what)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (!double.IsFinite(props.Error) || props.Error < 0 || props.Error > 16.0 / 15)
        {
            throw new ArgumentException($"{what}: error {props.Error} must be a depolarizing probability in [0, 16/15]");
        }
        if (!double.IsFinite(props.DurationNs) || props.DurationNs < 0)
        {
            throw new ArgumentException($"{what}: duration {props.DurationNs} ns must be finite and >= 0");
        }
    }

    private int CheckQubit(int q) => q >= 0 && q < _qubits.Length
        ? q
        : throw new ArgumentOutOfRangeException(nameof(q), q, $"qubit {q} is outside the noise model's 0..{_qubits.Length - 1}");

    private static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);
}
