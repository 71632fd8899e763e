using System.Collections.ObjectModel;

namespace QGan.MLNet.Quantum.Sampling;

/// <summary>
/// Outcome counts of repeated measurements of <see cref="QubitCount"/> qubits, Qiskit style: keys are bitstrings
/// with qubit 0 as the RIGHTMOST character (so "001" means qubit 0 read 1). Also the estimator that turns counts
/// (simulated or from hardware) back into single-qubit expectation values.
/// </summary>
public sealed class MeasurementCounts
{
    private readonly long[] _ones;
    private readonly long[]? _histogram;
    private SortedDictionary<string, long>? _counts;

    private MeasurementCounts(int qubitCount, SortedDictionary<string, long> counts)
    {
        QubitCount = qubitCount;
        _counts = counts;
        _ones = new long[qubitCount];
        foreach (var (bits, count) in counts)
        {
            Shots += count;
            for (int q = 0; q < qubitCount; q++)
            {
                if (bits[qubitCount - 1 - q] == '1')
                {
                    _ones[q] += count;
                }
            }
        }
    }

    private MeasurementCounts(int qubitCount, long[] histogram)
    {
        QubitCount = qubitCount;
        _histogram = histogram;
        _ones = new long[qubitCount];
        for (int i = 0; i < histogram.Length; i++)
        {
            long count = histogram[i];
            if (count == 0)
            {
                continue;
            }
            Shots += count;
            for (int q = 0; q < qubitCount; q++)
            {
                if (((i >> q) & 1) == 1)
                {
                    _ones[q] += count;
                }
            }
        }
    }

    /// <summary>Qubits of the measured register (bit q of an outcome is qubit q).</summary>
    public int QubitCount { get; }

    /// <summary>Total number of shots.</summary>
    public long Shots { get; }

    /// <summary>
    /// Non-zero counts keyed by bitstring (qubit 0 rightmost), in ordinal key order. Built on first use: estimates
    /// only need the per-qubit tallies, so simulations that never look at the bitstrings do not pay for them.
    /// </summary>
    public IReadOnlyDictionary<string, long> Counts => new ReadOnlyDictionary<string, long>(LazyInitializer.EnsureInitialized(ref _counts, BuildCounts));

    private SortedDictionary<string, long> BuildCounts()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < _histogram!.Length; i++)
        {
            if (_histogram[i] > 0)
            {
                counts[Bitstring(i, QubitCount)] = _histogram[i];
            }
        }
        return counts;
    }

    /// <summary>Counts from a histogram over basis indices (bit q of the index = qubit q).</summary>
    public static MeasurementCounts FromHistogram(int qubitCount, ReadOnlySpan<long> histogram)
    {
        if (qubitCount is < 1 or > 62)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, "qubit count must be in 1..62");
        }
        if (histogram.Length != 1L << qubitCount)
        {
            throw new ArgumentException($"histogram has {histogram.Length} bins, expected 2^{qubitCount} = {1L << qubitCount}", nameof(histogram));
        }
        for (int i = 0; i < histogram.Length; i++)
        {
            if (histogram[i] < 0)
            {
                throw new ArgumentException($"histogram bin {i} is negative ({histogram[i]})", nameof(histogram));
            }
        }
        return new MeasurementCounts(qubitCount, histogram.ToArray());
    }

    /// <summary>
    /// Counts from a bitstring dictionary (e.g. hardware results). Every key must have <paramref name="qubitCount"/>
    /// characters '0'/'1' (spaces separating classical registers are ignored); counts must be non-negative.
    /// </summary>
    public static MeasurementCounts FromBitstrings(int qubitCount, IEnumerable<KeyValuePair<string, long>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (qubitCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, "qubit count must be >= 1");
        }
        var map = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (rawKey, count) in counts)
        {
            var key = (rawKey ?? throw new ArgumentException("a counts key is null", nameof(counts))).Replace(" ", "", StringComparison.Ordinal);
            if (key.Length != qubitCount || key.Any(ch => ch is not ('0' or '1')))
            {
                throw new ArgumentException($"counts key \"{rawKey}\" is not a {qubitCount}-bit string of 0/1", nameof(counts));
            }
            if (count < 0)
            {
                throw new ArgumentException($"count of \"{rawKey}\" is negative ({count})", nameof(counts));
            }
            if (count > 0)
            {
                map[key] = map.GetValueOrDefault(key) + count;
            }
        }
        return new MeasurementCounts(qubitCount, map);
    }

    /// <summary>Bitstring of basis index <paramref name="index"/>: qubit 0 is the rightmost character.</summary>
    public static string Bitstring(long index, int qubitCount)
    {
        var chars = new char[qubitCount];
        for (int q = 0; q < qubitCount; q++)
        {
            chars[qubitCount - 1 - q] = ((index >> q) & 1) == 1 ? '1' : '0';
        }
        return new string(chars);
    }

    /// <summary>Number of shots in which <paramref name="qubit"/> read 1.</summary>
    public long Ones(int qubit)
    {
        CheckQubit(qubit);
        return _ones[qubit];
    }

    /// <summary>
    /// Estimated expectation of the measured Pauli on <paramref name="qubit"/>: (N0 - N1) / N, i.e. &lt;Z&gt; for
    /// Z-basis counts and &lt;X&gt; for X-basis counts.
    /// </summary>
    public double Expectation(int qubit)
    {
        CheckQubit(qubit);
        if (Shots == 0)
        {
            throw new InvalidOperationException("no shots: the expectation is undefined");
        }
        return (double)(Shots - 2 * _ones[qubit]) / Shots;
    }

    /// <summary>Estimates for every qubit, qubit 0 first.</summary>
    public double[] Expectations() => Enumerable.Range(0, QubitCount).Select(Expectation).ToArray();

    /// <summary>
    /// Binomial standard error of <see cref="Expectation"/>: sqrt((1 - e^2) / N) with the estimated e
    /// (each shot is a +-1 variable with variance 1 - e^2).
    /// </summary>
    public double StandardError(int qubit)
    {
        double e = Expectation(qubit);
        return Math.Sqrt(Math.Max(0, 1 - e * e) / Shots);
    }

    private void CheckQubit(int qubit)
    {
        if (qubit < 0 || qubit >= QubitCount)
        {
            throw new ArgumentOutOfRangeException(nameof(qubit), qubit, $"qubit must be in 0..{QubitCount - 1}");
        }
    }
}
