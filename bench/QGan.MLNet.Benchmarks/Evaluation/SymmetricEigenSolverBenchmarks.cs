using BenchmarkDotNet.Attributes;
using QGan.MLNet.Transforms.Evaluation.Numerics;

namespace QGan.MLNet.Benchmarks.Evaluation;

/// <summary>The symmetric eigen-solver (tred2 + tql2) on a dense random covariance.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SymmetricEigenSolverBenchmarks
{
    private double[] _matrix = [];

    [Params(512, 2048)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5);
        var n = Dimension;
        _matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var v = rng.NextDouble() - 0.5;
                _matrix[i * n + j] = v;
                _matrix[j * n + i] = v;
            }
        }
    }

    [Benchmark(Description = "eigenvalues + eigenvectors")]
    public double Decompose() => SymmetricEigenSolver.Decompose(_matrix, Dimension).Values[0];

    [Benchmark(Description = "eigenvalues only")]
    public double Eigenvalues() => SymmetricEigenSolver.Eigenvalues(_matrix, Dimension)[0];
}
