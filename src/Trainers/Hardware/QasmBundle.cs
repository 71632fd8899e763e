using System.Globalization;
using System.Text;
using System.Text.Json;
using QGan.MLNet.Quantum.Qasm;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Hardware;

/// <summary>Which measurement circuits to export per noise sample.</summary>
public enum QasmBases
{
    /// <summary>Circuits measuring in the Z basis (for &lt;Z&gt;).</summary>
    Z,
    /// <summary>Circuits measuring in the X basis (for &lt;X&gt;).</summary>
    X,
    /// <summary>Circuits for both bases.</summary>
    Both,
}

/// <summary>One circuit to run: sample, basis, its name (the key of its counts) and file; for parameterized exports the row of <c>parameters.csv</c>.</summary>
public sealed record QasmCircuitEntry(int Sample, string Basis, string Name, string File, int? ParameterRow = null);

/// <summary>How many shots to request and what precision they give.</summary>
public sealed record ShotsAdvice(long Recommended, double StandardErrorAtRecommended, string Note);

/// <summary><c>manifest.json</c> of an OpenQASM export (<c>qgan-qasm-export/1</c>).</summary>
public sealed record QasmBundleManifest
{
    /// <summary><c>manifest.json</c>.</summary>
    public const string FileName = "manifest.json";
    /// <summary>The format this build writes and reads.</summary>
    public const string CurrentFormat = "qgan-qasm-export/1";

    /// <summary>Format identifier of the file.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>Absolute path of the generator folder.</summary>
    public required string Model { get; init; }

    /// <summary>The generator the circuits come from.</summary>
    public required HardwareGeneratorInfo Generator { get; init; }

    /// <summary>OpenQASM version of the circuits.</summary>
    public string OpenQasmVersion { get; init; } = "3.0";

    /// <summary>Noise samples.</summary>
    public int Count { get; init; }

    /// <summary>Seed of the noise samples.</summary>
    public long Seed { get; init; }

    /// <summary>The measured bases.</summary>
    public required IReadOnlyList<string> Bases { get; init; }

    /// <summary>True when the circuits take their angles as input parameters.</summary>
    public bool Parameterized { get; init; }

    /// <summary>Number of <c>input float[64] theta_k</c> parameters per circuit (parameterized exports).</summary>
    public int? ParameterCount { get; init; }

    /// <summary>File of the noise vectors.</summary>
    public string NoiseFile { get; init; } = QasmBundle.NoiseFileName;

    /// <summary>File of the bound angles, for parameterized circuits.</summary>
    public string? ParametersFile { get; init; }

    /// <summary>The circuits in submission order; counts given as a JSON list are matched to this order.</summary>
    public required IReadOnlyList<QasmCircuitEntry> Circuits { get; init; }

    /// <summary>Recommended shots per circuit.</summary>
    public required ShotsAdvice Shots { get; init; }

    /// <summary>Bit order of the count keys.</summary>
    public string BitOrder { get; init; } = "c[n-1] ... c[0]: qubit 0 is the rightmost character (Qiskit convention)";

    /// <summary>Reads the manifest of an export folder; errors name the file and the field.</summary>
    public static QasmBundleManifest Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing (not a folder written by qgan export-qasm)", path);
        }
        QasmBundleManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<QasmBundleManifest>(File.ReadAllText(path), HardwareReport.Json)
                ?? throw new InvalidDataException($"{path}: empty manifest");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: invalid manifest ({ex.Message})", ex);
        }
        if (manifest.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{path}: field 'format' is '{manifest.Format}', expected '{CurrentFormat}'");
        }
        return manifest;
    }
}

/// <summary>
/// Writes a trained quantum generator as OpenQASM 3 circuits ready for a device: for each of K noise vectors one
/// circuit per measurement basis (<c>sample-0003-z.qasm</c>, <c>sample-0003-x.qasm</c>; the X circuit has H on every
/// qubit before measuring), <c>noise.csv</c> (the K noise vectors) and <c>manifest.json</c>. With
/// <c>parameterized</c>, one template per basis (<c>style-z.qasm</c>, <c>style-x.qasm</c>) with
/// <c>input float[64] theta_k</c> angles and <c>parameters.csv</c> (one row of angle values per sample) instead.
/// The folder is built aside and renamed into place, so a failure leaves nothing behind.
/// </summary>
public static class QasmBundle
{
    /// <summary>File of the noise vectors.</summary>
    public const string NoiseFileName = "noise.csv";
    /// <summary>File of the bound angles (parameterized circuits).</summary>
    public const string ParametersFileName = "parameters.csv";

    /// <summary>Shots that resolve every output to a standard error of at most 1/sqrt(N) = 0.016.</summary>
    public const long RecommendedShots = 4000;

    /// <summary>File stem of the circuit of <paramref name="sample"/> in <paramref name="basis"/>.</summary>
    public static string CircuitName(int sample, string basis) => string.Create(CultureInfo.InvariantCulture, $"sample-{sample:D4}-{basis}");

    /// <summary>Writes OpenQASM 3 circuits for <paramref name="count"/> noise samples (seeded), the noise and a manifest into <paramref name="outDirectory"/>.</summary>
    public static QasmBundleManifest Export(QuantumGeneratorCircuits generator, string outDirectory, int count, long seed,
        QasmBases bases = QasmBases.Both, bool parameterized = false, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDirectory);
        var noise = NoiseVectors.Draw(count, generator.NoiseDimension, seed);
        var basisNames = bases switch
        {
            QasmBases.Z => new[] { "z" },
            QasmBases.X => ["x"],
            QasmBases.Both => ["z", "x"],
            _ => throw new ArgumentOutOfRangeException(nameof(bases), bases, "unknown basis selection"),
        };
        var circuits = noise.Select(n => generator.Bind(n)).ToArray();
        var entries = new List<QasmCircuitEntry>();
        var files = new Dictionary<string, string>();
        string Header(string what) =>
            $"{what}\nquantum generator: {generator.Qubits} qubits, {generator.Architecture.Layers} layers, noise seed {seed.ToString(CultureInfo.InvariantCulture)}\n" +
            "counts keys: qubit 0 is the rightmost bit; run the z and the x circuit of a sample with the same number of shots";
        int? parameterCount = null;
        if (parameterized)
        {
            foreach (var basis in basisNames)
            {
                var file = $"style-{basis}.qasm";
                files[file] = QasmExporter.ToOpenQasm3(circuits[0], new QasmExportOptions(Measurement(basis), ParameterizeAngles: true,
                    Comment: Header($"style circuit template, {basis.ToUpperInvariant()}-basis readout; bind theta_k to row i of {ParametersFileName} for sample i")));
            }
            var table = circuits.Select(QasmExporter.ParameterValues).ToArray();
            parameterCount = table[^1].Length;
            files[ParametersFileName] = NumericCsv.Format(table);
            for (int i = 0; i < count; i++)
            {
                foreach (var basis in basisNames)
                {
                    entries.Add(new QasmCircuitEntry(i, basis, CircuitName(i, basis), $"style-{basis}.qasm", i));
                }
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                foreach (var basis in basisNames)
                {
                    var name = CircuitName(i, basis);
                    files[name + ".qasm"] = QasmExporter.ToOpenQasm3(circuits[i], new QasmExportOptions(Measurement(basis),
                        Comment: Header($"sample {i}, {basis.ToUpperInvariant()}-basis readout; noise vector = row {i} of {NoiseFileName}")));
                    entries.Add(new QasmCircuitEntry(i, basis, name, name + ".qasm"));
                }
            }
        }
        files[NoiseFileName] = NoiseVectors.ToCsv(noise);
        var manifest = new QasmBundleManifest
        {
            Model = Path.GetFullPath(generator.Directory),
            Generator = HardwareGeneratorInfo.From(generator),
            Count = count,
            Seed = seed,
            Bases = basisNames,
            Parameterized = parameterized,
            ParameterCount = parameterCount,
            ParametersFile = parameterized ? ParametersFileName : null,
            Circuits = entries,
            Shots = new ShotsAdvice(RecommendedShots, 1 / Math.Sqrt(RecommendedShots),
                "each output <P> is estimated as (N0 - N1) / N with standard error sqrt((1 - <P>^2) / N) <= 1/sqrt(N); " +
                "the latents lie in [-1, 1], so 4000 shots per circuit keep every value within about +-0.03 (2 sigma); " +
                "use the same shots for the z and x circuits"),
        };
        files[QasmBundleManifest.FileName] = JsonSerializer.Serialize(manifest, HardwareReport.Json) + "\n";
        AtomicDirectory.Create(outDirectory, overwrite, temp =>
        {
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(temp, name), text);
            }
        });
        return manifest;
    }

    private static QasmMeasurement Measurement(string basis) => basis == "z" ? QasmMeasurement.Z : QasmMeasurement.X;
}
