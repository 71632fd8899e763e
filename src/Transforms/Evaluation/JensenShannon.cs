namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>Jensen-Shannon divergence between two discrete distributions, base 2 (so it lies in [0, 1]).</summary>
public static class JensenShannon
{
    /// <summary>
    /// JSD between two histograms of counts (normalised here): <c>0.5 KL(p || m) + 0.5 KL(q || m)</c> with
    /// <c>m = (p + q) / 2</c>, base 2, using <c>0 log 0 = 0</c>.
    /// </summary>
    public static double Divergence(ReadOnlySpan<long> countsP, ReadOnlySpan<long> countsQ)
    {
        if (countsP.Length != countsQ.Length)
        {
            throw new ArgumentException($"Histograms have {countsP.Length} and {countsQ.Length} bins.");
        }
        double totalP = Total(countsP, "first"), totalQ = Total(countsQ, "second");
        double kp = 0, kq = 0;
        for (var i = 0; i < countsP.Length; i++)
        {
            var p = countsP[i] / totalP;
            var q = countsQ[i] / totalQ;
            var m = 0.5 * (p + q);
            if (p > 0)
            {
                kp += p * Math.Log2(p / m);
            }
            if (q > 0)
            {
                kq += q * Math.Log2(q / m);
            }
        }
        // Round-off can leave a tiny negative value for identical histograms.
        return Math.Max(0.0, 0.5 * (kp + kq));
    }

    private static double Total(ReadOnlySpan<long> counts, string which)
    {
        long total = 0;
        foreach (var c in counts)
        {
            if (c < 0)
            {
                throw new ArgumentException($"The {which} histogram has a negative count.");
            }
            total += c;
        }
        if (total == 0)
        {
            throw new ArgumentException($"The {which} histogram is empty.");
        }
        return total;
    }
}
