using System.Numerics;
using QGan.MLNet.Core.Randomness;

namespace QGan.MLNet.Quantum.Sampling;

/// <summary>
/// Draws measurement outcomes from a probability vector over basis indices with Walker's alias method (Vose's
/// construction): O(2^n) set-up, then O(1) per shot from one uniform variate (column = floor(u K), keep the column if
/// the fractional part is below its threshold, otherwise take its alias). Outcomes with probability 0 are never drawn.
/// </summary>
public sealed class OutcomeSampler
{
    private readonly double[] _threshold;
    private readonly int[] _alias;

    /// <summary>Builds the sampler; <paramref name="probabilities"/> need not be normalised (they are divided by their sum).</summary>
    public OutcomeSampler(ReadOnlySpan<double> probabilities)
    {
        int k = probabilities.Length;
        if (k == 0)
        {
            throw new ArgumentException("no outcomes to sample from", nameof(probabilities));
        }
        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0) || double.IsInfinity(p))
            {
                throw new ArgumentException($"probability {i} is {p}: probabilities must be finite and non-negative", nameof(probabilities));
            }
            sum += p;
        }
        if (!(sum > 0))
        {
            throw new ArgumentException("probabilities sum to zero", nameof(probabilities));
        }
        _threshold = new double[k];
        _alias = new int[k];
        var scaled = new double[k];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = k - 1; i >= 0; i--)
        {
            scaled[i] = probabilities[i] * k / sum;
            _alias[i] = i;
            (scaled[i] < 1 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            _threshold[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }
        // Leftovers are 1 up to rounding. A leftover "small" one with zero probability must still never be drawn.
        while (large.Count > 0)
        {
            _threshold[large.Pop()] = 1;
        }
        while (small.Count > 0)
        {
            int s = small.Pop();
            _threshold[s] = probabilities[s] > 0 ? 1 : 0;
            if (probabilities[s] == 0)
            {
                _alias[s] = FirstPositive(probabilities);
            }
        }
    }

    /// <summary>Number of outcomes (the length of the probability vector).</summary>
    public int OutcomeCount => _threshold.Length;

    /// <summary>One outcome index.</summary>
    public int Next(SeededRandom rng)
    {
        double u = rng.NextDouble() * _threshold.Length;
        int column = Math.Min((int)u, _threshold.Length - 1);
        return u - column < _threshold[column] ? column : _alias[column];
    }

    /// <summary>Adds <paramref name="shots"/> outcomes to <paramref name="histogram"/>.</summary>
    public void Sample(long shots, SeededRandom rng, Span<long> histogram)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        if (histogram.Length != _threshold.Length)
        {
            throw new ArgumentException($"histogram has {histogram.Length} bins, expected {_threshold.Length}", nameof(histogram));
        }
        for (long s = 0; s < shots; s++)
        {
            histogram[Next(rng)]++;
        }
    }

    /// <summary>The distribution the alias table encodes (for tests): P(i) = (t_i + sum over j aliasing to i of (1 - t_j)) / K.</summary>
    internal double[] ImpliedProbabilities()
    {
        int k = _threshold.Length;
        var p = new double[k];
        for (int j = 0; j < k; j++)
        {
            p[j] += _threshold[j] / k;
            if (_alias[j] != j)
            {
                p[_alias[j]] += (1 - _threshold[j]) / k;
            }
        }
        return p;
    }

    private static int FirstPositive(ReadOnlySpan<double> probabilities)
    {
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] > 0)
            {
                return i;
            }
        }
        throw new InvalidOperationException("no outcome has positive probability");
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
