using System.Globalization;
using System.Text;

namespace QGan.MLNet.Cli.Tests.Hardware;

/// <summary>
/// Generators trained once per test class by the CLI itself (<c>qgan train</c> on a small latent CSV, no autoencoder):
/// a 3-qubit, 2-layer quantum generator (6-d latents) and a classical one, plus the latent CSV as reference data.
/// </summary>
public sealed class HardwareModels : IDisposable
{
    public HardwareModels()
    {
        Root = Directory.CreateTempSubdirectory("qgan-cli-hw-").FullName;
        Latents = Path.Combine(Root, "latents.csv");
        var rng = new Random(12);
        var csv = new StringBuilder();
        for (int r = 0; r < 120; r++)
        {
            csv.AppendJoin(',', Enumerable.Range(0, 6).Select(k => Math.Tanh(0.6 * Math.Sin(r * 0.37 + k) + 0.3 * (rng.NextDouble() - 0.5)).ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        File.WriteAllText(Latents, csv.ToString());
        Quantum = Path.Combine(Root, "quantum");
        Classical = Path.Combine(Root, "classical");
        Train(Quantum, "--generator", "quantum", "--qubits", "3", "--layers", "2", "--noise-dimension", "3", "--init-range", "1.2");
        Train(Classical, "--generator", "classical", "--generator-hidden", "8", "--noise-dimension", "3");
    }

    public string Root { get; }

    public string Latents { get; }

    /// <summary>Run folder of the quantum generator.</summary>
    public string Quantum { get; }

    public string Classical { get; }

    public string NewDirectory() => Directory.CreateTempSubdirectory("qgan-cli-hw-").FullName;

    /// <summary>A 3-qubit device model JSON (qgan-noise-model/1) with the given readout error and gate errors.</summary>
    public string NoiseModel(double p01 = 0.03, double p10 = 0.05, double gate1 = 1e-3, double gate2 = 1e-2, int qubits = 3)
    {
        var q = string.Join(",\n", Enumerable.Range(0, qubits).Select(_ => string.Create(CultureInfo.InvariantCulture,
            $"{{ \"t1_us\": 100, \"t2_us\": 80, \"readout\": {{ \"p01\": {p01}, \"p10\": {p10} }}, \"gate_1q\": {{ \"error\": {gate1}, \"duration_ns\": 32 }} }}")));
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{ \"format\": \"qgan-noise-model/1\", \"name\": \"test-device\", \"qubits\": [\n{q}\n], \"gate_2q\": {{ \"default\": {{ \"error\": {gate2}, \"duration_ns\": 70 }} }} }}");
        var path = Path.Combine(NewDirectory(), "device.json");
        File.WriteAllText(path, json);
        return path;
    }

    private void Train(string outDir, params string[] kind)
    {
        var result = QganProcess.Run(
        [
            "train", .. kind, "--critic-hidden", "8", "--iterations", "3", "--latents", Latents, "--out", outDir,
            "--batch-size", "8", "--critic-steps", "1", "--metrics-interval", "3", "--checkpoint-interval", "3", "--held-out", "20",
        ]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"training the test generator failed: {result.StdErr}{result.StdOut}");
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object>> _cache = new();

    /// <summary>A value computed once for all tests of the collection (e.g. an export and its simulated counts).</summary>
    public T Shared<T>(string key, Func<T> create) where T : notnull =>
        (T)_cache.GetOrAdd(key, _ => new Lazy<object>(() => create())).Value;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>One pair of trained test generators for all hardware command tests.</summary>
[CollectionDefinition(Name)]
public sealed class HardwareModelsCollection : ICollectionFixture<HardwareModels>
{
    public const string Name = "hardware models";
}
