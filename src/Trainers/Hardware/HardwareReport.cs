using System.Text.Json;
using System.Text.Json.Serialization;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Hardware;

/// <summary>The generator a hardware report is about.</summary>
public sealed record HardwareGeneratorInfo(string Kind, int Qubits, int Layers, int NoiseDimension, long Parameters)
{
    /// <summary>The summary of a quantum generator's circuits.</summary>
    public static HardwareGeneratorInfo From(QuantumGeneratorCircuits g) =>
        new("quantum", g.Qubits, g.Architecture.Layers, g.NoiseDimension, g.Architecture.ParameterCount);
}

/// <summary>
/// <c>qgan-hardware/1</c>: the result of <c>qgan hardware-sim</c> (<see cref="Source"/> = "simulation") or
/// <c>qgan import-counts</c> ("counts"), written to <c>MODEL/hardware/&lt;name&gt;.json</c> with the measured
/// latents beside it (<c>&lt;name&gt;.latents.csv</c>). Schema in docs/hardware.md.
/// </summary>
public sealed record HardwareReport
{
    /// <summary>The format this build writes and reads.</summary>
    public const string CurrentFormat = "qgan-hardware/1";

    /// <summary>Format identifier of the file.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>Name of the run (e.g. ideal, noisy).</summary>
    public required string Name { get; init; }

    /// <summary>Where the latents came from (simulated device or imported counts).</summary>
    public required string Source { get; init; }

    /// <summary>
    /// The figures a reader wants first, with names <c>qgan report</c> recognises: latent FID against the data of the
    /// noise-free generator and of the hardware-sampled ("noisy") latents, the FID between the two, and the RMS
    /// deviation with the shot-noise level it should be compared to.
    /// </summary>
    public HardwareHeadline? Headline { get; init; }

    /// <summary>Absolute path of the generator folder.</summary>
    public required string Model { get; init; }

    /// <summary>The generator that was sampled.</summary>
    public required HardwareGeneratorInfo Generator { get; init; }

    /// <summary>Number of noise samples (each one Z-basis and one X-basis circuit).</summary>
    public int Count { get; init; }

    /// <summary>Seed of the noise vectors (null when they came from a file).</summary>
    public long? NoiseSeed { get; init; }

    /// <summary>Shots per circuit (the smallest over all circuits for imported counts).</summary>
    public long Shots { get; init; }

    /// <summary>Total shots over all circuits.</summary>
    public long TotalShots { get; init; }

    /// <summary>Name of the device noise model; null = ideal device (shot noise only) or real hardware.</summary>
    public string? NoiseModel { get; init; }

    /// <summary>Noise trajectories per sample (noisy simulation).</summary>
    public int? Trajectories { get; init; }

    /// <summary>Seed of the shot sampling.</summary>
    public ulong? SamplingSeed { get; init; }

    /// <summary>True when readout errors were mitigated.</summary>
    public bool MitigateReadout { get; init; }

    /// <summary>FID/JSD of the hardware-like latents against the noise-free generator and the data.</summary>
    public required HardwareComparison Comparison { get; init; }

    /// <summary>File name (beside the report) of the measured latents CSV.</summary>
    public string? LatentsFile { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public double WallSeconds { get; init; }

    /// <summary>The JSON options of the report files (camelCase, indented).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The report as JSON.</summary>
    public string ToJson(bool indented = true) =>
        JsonSerializer.Serialize(this, indented ? Json : new JsonSerializerOptions(Json) { WriteIndented = false });

    /// <summary>Writes the report and the latents (each atomically): <paramref name="reportPath"/> and <c>&lt;stem&gt;.latents.csv</c> beside it.</summary>
    public HardwareReport Save(string reportPath, IReadOnlyList<double[]> latents)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportPath);
        var dir = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        Directory.CreateDirectory(dir);
        var latentsName = Path.GetFileNameWithoutExtension(reportPath) + ".latents.csv";
        AtomicFile.WriteAllText(Path.Combine(dir, latentsName), NoiseVectors.LatentsCsv(latents));
        var saved = this with { LatentsFile = latentsName };
        AtomicFile.WriteAllText(reportPath, saved.ToJson() + "\n");
        return saved;
    }

    /// <summary>Reads a report; errors name the file and the field.</summary>
    public static HardwareReport Load(string path)
    {
        var report = JsonSerializer.Deserialize<HardwareReport>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: empty hardware report");
        if (report.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{path}: field 'format' is '{report.Format}', expected '{CurrentFormat}'");
        }
        return report;
    }

    /// <summary>
    /// Default location: <c>MODEL/hardware/&lt;name&gt;.json</c> where MODEL is the run folder (parent of <c>generator/</c>).
    /// For a sweep run (<c>SWEEP/runs/&lt;I&gt;</c>) that is where <c>qgan report</c> looks for hardware results (docs/sweep.md).
    /// </summary>
    public static string DefaultPath(string generatorDirectory, string name)
    {
        var full = Path.GetFullPath(generatorDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var run = Path.GetFileName(full) == "generator" ? Path.GetDirectoryName(full)! : full;
        return Path.Combine(run, "hardware", name + ".json");
    }
}

/// <summary>Headline figures of a <see cref="HardwareReport"/> (FIDs are latent-space Fréchet distances).</summary>
/// <param name="NoiseFreeFid">Noise-free generator vs data (null without data).</param>
/// <param name="NoisyFid">Hardware-sampled latents vs data (null without data).</param>
/// <param name="NoisyVsNoiseFreeFid">Hardware-sampled vs noise-free latents on the same noise vectors.</param>
/// <param name="RmsDeviation">RMS of measured - exact over all values.</param>
/// <param name="ShotNoiseRms">RMS an ideal device with the same shots gives.</param>
public sealed record HardwareHeadline(double? NoiseFreeFid, double? NoisyFid, double? NoisyVsNoiseFreeFid, double RmsDeviation, double ShotNoiseRms)
{
    /// <summary>The headline numbers of a comparison.</summary>
    public static HardwareHeadline From(HardwareComparison c) => new(
        c.VsData?.NoiseFree.LatentFid, c.VsData?.Hardware.LatentFid, c.VsNoiseFree.LatentFid, c.Deviation.Rms, c.Deviation.ExpectedShotRms);
}
