using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

/// <summary>FID-infinity on Gaussians with a known FID: the extrapolation removes the finite-sample bias of FID_N.</summary>
public sealed class FidInfinityTests
{
    private const int D = 8;

    // Real: N(0, I). Generated: N(mu, s^2 I) with mu = (0.5, 0, ...), s = 1.2, so
    // FID = |mu|^2 + d (1 + s^2 - 2 s) = 0.25 + 8 * 0.04 = 0.57 exactly.
    private const double TrueFid = 0.57;

    private static List<float[]> Gaussian(int rows, double shift, double scale, int seed)
    {
        var random = new Random(seed);
        var list = new List<float[]>(rows);
        for (int r = 0; r < rows; r++)
        {
            var row = new float[D];
            for (int k = 0; k < D; k++)
            {
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                row[k] = (float)((k == 0 ? shift : 0) + scale * z);
            }
            list.Add(row);
        }
        return list;
    }

    [Fact]
    public void Fid_infinity_is_unbiased_where_fid_n_is_biased_upwards()
    {
        // The real moments from 200,000 rows carry a negligible bias; 40 independent generated pools of 300
        // (small pools: a large bias k / N against the pools' sampling noise).
        var real = GaussianMoments.FromRows(Gaussian(200_000, 0, 1, seed: 1), "real");
        var infinity = new List<double>();
        var atPool = new List<double>();
        var slopes = new List<double>();
        for (int pool = 0; pool < 40; pool++)
        {
            var generated = Gaussian(300, 0.5, 1.2, seed: 100 + pool);
            var result = FidInfinity.Estimate(real, generated, seed: (ulong)pool);
            Assert.Equal(FidInfinity.DefaultPoints, result.Points.Count);
            Assert.Equal(60, result.Points[0].N);
            Assert.Equal(300, result.Points[^1].N);
            slopes.Add(result.Slope);
            infinity.Add(result.Value);
            atPool.Add(result.Points[^1].Fid);
        }
        static (double Mean, double StandardError) Summary(List<double> v)
        {
            double m = v.Average();
            return (m, Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1) / v.Count));
        }
        var (meanInf, seInf) = Summary(infinity);
        var (meanPool, sePool) = Summary(atPool);
        var (meanSlope, seSlope) = Summary(slopes);
        Assert.True(meanSlope > 3 * seSlope, $"the finite-sample bias k / N of FID_N is positive (k = {meanSlope}, se {seSlope})");
        // FID_300 is biased by about d(d+1)/(2N)-order terms: clearly above the truth; FID-infinity is not.
        Assert.True(meanPool - TrueFid > 5 * sePool, $"FID_300 mean {meanPool} (se {sePool}) should be biased above {TrueFid}");
        Assert.True(Math.Abs(meanInf - TrueFid) < 3 * seInf + 0.005, $"FID-infinity mean {meanInf} (se {seInf}) vs true {TrueFid}");
    }

    [Fact]
    public void The_estimate_is_reproducible_and_checks_its_inputs()
    {
        var real = GaussianMoments.FromRows(Gaussian(500, 0, 1, seed: 3), "real");
        var generated = Gaussian(300, 0.2, 1, seed: 4);
        Assert.Equal(FidInfinity.Estimate(real, generated, seed: 9).Value, FidInfinity.Estimate(real, generated, seed: 9).Value);
        Assert.Throws<ArgumentException>(() => FidInfinity.Estimate(real, generated.Take(10).ToList()));
        Assert.Throws<ArgumentOutOfRangeException>(() => FidInfinity.Estimate(real, generated, points: 1));
    }
}
