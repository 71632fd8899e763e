using System.Text.Json;
using System.Text.Json.Serialization;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Gan.Models;

/// <summary>
/// <c>manifest.json</c> of a saved generator: everything needed to rebuild the module before loading its
/// weights, plus the provenance of the run (seed, iterations, configuration hash, capacities).
/// </summary>
public sealed record GeneratorManifest
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Format version of the file.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Quantum or classical.</summary>
    public GeneratorKind Kind { get; init; }

    /// <summary>Width of the generated latent vectors.</summary>
    public int LatentDimension { get; init; }

    /// <summary>Noise values per sample.</summary>
    public int NoiseDimension { get; init; }

    /// <summary>Quantum only.</summary>
    public int? Qubits { get; init; }

    /// <summary>Quantum only.</summary>
    public int? Layers { get; init; }

    /// <summary>Quantum only.</summary>
    public Readout? Readout { get; init; }

    /// <summary>Classical only.</summary>
    public int[]? GeneratorHidden { get; init; }

    /// <summary>LeakyReLU slope of the MLPs.</summary>
    public double LeakySlope { get; init; } = 0.2;

    /// <summary>Hidden widths of the critic the generator was trained against.</summary>
    public int[] CriticHidden { get; init; } = [];

    /// <summary>Trainable parameters of the generator (the capacity the paper compares).</summary>
    public long GeneratorParameterCount { get; init; }

    /// <summary>Trainable parameters of that critic.</summary>
    public long CriticParameterCount { get; init; }

    /// <summary>Seed of the run.</summary>
    public long Seed { get; init; }

    /// <summary>Iterations the generator was trained for.</summary>
    public int Iterations { get; init; }

    /// <summary>Hash of the training configuration (see <see cref="GanTrainingOptions.ConfigHash"/>).</summary>
    public string ConfigHash { get; init; } = "";

    /// <summary>File name of the autoencoder decoder stored beside the generator (for decoding to images), if any.</summary>
    public string? Decoder { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The manifest of a generator trained with <paramref name="options"/> for <paramref name="iterations"/> iterations.</summary>
    public static GeneratorManifest From(GanTrainingOptions options, int latentDimension, long generatorParameters, long criticParameters, int iterations)
    {
        bool quantum = options.Generator == GeneratorKind.Quantum;
        return new GeneratorManifest
        {
            Kind = options.Generator,
            LatentDimension = latentDimension,
            NoiseDimension = options.NoiseDimension,
            Qubits = quantum ? options.Qubits : null,
            Layers = quantum ? options.Layers : null,
            Readout = quantum ? options.Readout : null,
            GeneratorHidden = quantum ? null : options.GeneratorHidden.ToArray(),
            LeakySlope = options.LeakySlope,
            CriticHidden = options.CriticHidden.ToArray(),
            GeneratorParameterCount = generatorParameters,
            CriticParameterCount = criticParameters,
            Seed = options.Seed,
            Iterations = iterations,
            ConfigHash = options.ConfigHash(),
        };
    }

    /// <summary>Throws <see cref="InvalidDataException"/> naming the field (and the file) when the manifest is inconsistent.</summary>
    public void Validate(string source)
    {
        void Fail(string field, string problem) => throw new InvalidDataException($"{source}: field '{field}' {problem}");
        if (FormatVersion != CurrentFormatVersion)
        {
            Fail("formatVersion", $"is {FormatVersion}, this build reads version {CurrentFormatVersion}");
        }
        if (!Enum.IsDefined(Kind))
        {
            Fail("kind", $"has the unknown value {(int)Kind}");
        }
        if (LatentDimension < 1)
        {
            Fail("latentDimension", $"must be >= 1, got {LatentDimension}");
        }
        if (NoiseDimension < 1)
        {
            Fail("noiseDimension", $"must be >= 1, got {NoiseDimension}");
        }
        if (Kind == GeneratorKind.Quantum)
        {
            if (Qubits is null or < 1)
            {
                Fail("qubits", "is missing or < 1 for a quantum generator");
            }
            if (Layers is null or < 0)
            {
                Fail("layers", "is missing or < 0 for a quantum generator");
            }
            if (Readout is null)
            {
                Fail("readout", "is missing for a quantum generator");
            }
        }
        else if (GeneratorHidden is null || GeneratorHidden.Any(w => w < 1))
        {
            Fail("generatorHidden", "is missing or has a width < 1 for a classical generator");
        }
    }

    /// <summary>The training options that rebuild this generator's module.</summary>
    internal GanTrainingOptions ToOptions() => new()
    {
        Generator = Kind,
        Qubits = Qubits ?? 12,
        Layers = Layers ?? 0,
        Readout = Readout ?? QGan.MLNet.Quantum.Style.Readout.ZX,
        NoiseDimension = NoiseDimension,
        GeneratorHidden = GeneratorHidden ?? [],
        CriticHidden = CriticHidden.Length == 0 ? [1] : CriticHidden,
        LeakySlope = LeakySlope,
        Seed = Seed,
    };
}
