using BenchmarkDotNet.Attributes;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Hardware;

namespace QGan.MLNet.Benchmarks.Hardware;

/// <summary>
/// Per-sample cost of hardware-like sampling of the paper's 12-qubit style generator (one Z-basis and one X-basis
/// circuit per sample): ideal device with 4000 shots per circuit, the Heron-like noise model with 2000 shots over 32
/// trajectories per circuit, and turning a counts file of 64 samples back into latents (parse + estimate).
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*HardwareSampling*'</c>
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class HardwareSamplingBenchmarks
{
    private QuantumGeneratorCircuits _generator = null!;
    private HardwareSampler _ideal = null!;
    private HardwareSampler _noisy = null!;
    private double[][] _noise = null!;
    private string _export = null!;
    private QasmBundleManifest _manifest = null!;

    [Params(1, 2, 4)]
    public int Layers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var arch = new StyleArchitecture(12, Layers, 12);
        var rng = new Random(1);
        double[] Draw() => Enumerable.Range(0, arch.EncodedGateCount).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        _generator = QuantumGeneratorCircuits.FromParameters(arch, Draw(), Draw(), directory: Path.GetTempPath());
        _ideal = new HardwareSampler(_generator, new HardwareSamplingOptions(4000, Seed: 1));
        var model = NoiseModelJson.Load(Path.Combine(RepoRoot(), "models", "noise", "ibm-heron-like.json"));
        _noisy = new HardwareSampler(_generator, new HardwareSamplingOptions(2000, model, Trajectories: 32, Seed: 1));
        _noise = NoiseVectors.Draw(64, 12, seed: 0);
        _export = Path.Combine(Path.GetTempPath(), $"qgan-bench-qasm-{Guid.NewGuid():N}");
        _manifest = QasmBundle.Export(_generator, _export, 64, seed: 0);
        var counts = _noise.Select((v, i) => _ideal.Run(i, v)).Select(s => (s.Index, s.Z.Counts, s.X.Counts));
        File.WriteAllText(Path.Combine(_export, "counts.json"), CountsFile.ToJson(counts));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Directory.Delete(_export, recursive: true);
        if (Directory.Exists(_export + "-export"))
        {
            Directory.Delete(_export + "-export", recursive: true);
        }
    }

    [Benchmark(Description = "ideal sample: exact state + 2 x 4000 shots")]
    public double[] IdealSample() => _ideal.Run(3, _noise[3]).Outputs;

    [Benchmark(Description = "Heron-like sample: 2 x 32 trajectories, 2 x 2000 shots")]
    public double[] NoisySample() => _noisy.Run(3, _noise[3]).Outputs;

    [Benchmark(Description = "64 samples of counts: parse + estimate")]
    public int ImportCounts() => CountsFile.Read(Path.Combine(_export, "counts.json"), _manifest).Count;

    [Benchmark(Description = "export 64 samples as OpenQASM 3 (z and x)")]
    public int ExportQasm() => QasmBundle.Export(_generator, _export + "-export", 64, seed: 0, overwrite: true).Circuits.Count;

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QGan.MLNet.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }
}
