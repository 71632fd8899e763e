using System.Numerics;

namespace QGan.MLNet.Quantum.Sampling;

/// <summary>
/// Draws measurement outcomes from a probability vector over basis indices: the cumulative distribution is
/// built once and each shot is a binary search for a uniform variate (O(n) per shot on n qubits).
/// </summary>
public sealed class OutcomeSampler
{
    private readonly double[] _cumulative;

    /// <summary>Builds the sampler; <paramref name="probabilities"/> need not be normalised (they are divided by their sum).</summary>
    public OutcomeSampler(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.Length == 0)
        {
            throw new ArgumentException("no outcomes to sample from", nameof(probabilities));
        }
        _cumulative = new double[probabilities.Length];
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0) || double.IsInfinity(p))
            {
                throw new ArgumentException($"probability {i} is {p}: probabilities must be finite and non-negative", nameof(probabilities));
            }
            sum += p;
            _cumulative[i] = sum;
        }
        if (!(sum > 0))
        {
            throw new ArgumentException("probabilities sum to zero", nameof(probabilities));
        }
    }

    public int OutcomeCount => _cumulative.Length;

    /// <summary>One outcome index.</summary>
    public int Next(Xoshiro256StarStar rng)
    {
        double u = rng.NextDouble() * _cumulative[^1];
        // First index whose cumulative sum exceeds u; outcomes with zero probability are never chosen.
        int lo = 0, hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /// <summary>Adds <paramref name="shots"/> outcomes to <paramref name="histogram"/>.</summary>
    public void Sample(long shots, Xoshiro256StarStar rng, Span<long> histogram)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        if (histogram.Length != _cumulative.Length)
        {
            throw new ArgumentException($"histogram has {histogram.Length} bins, expected {_cumulative.Length}", nameof(histogram));
        }
        for (long s = 0; s < shots; s++)
        {
            histogram[Next(rng)]++;
        }
    }

    /// <summary>Born-rule probabilities |a_i|^2 of a state's amplitudes.</summary>
    public static double[] Probabilities(ReadOnlySpan<Complex> amplitudes)
    {
        var p = new double[amplitudes.Length];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = amplitudes[i].Real * amplitudes[i].Real + amplitudes[i].Imaginary * amplitudes[i].Imaginary;
        }
        return p;
    }
}
