using System.Text.Json;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// <c>DIR/noise-floor.json</c>: FID and JSD between two disjoint real held-out sets of the evaluation size, per space
/// (docs/sweep.md, "Noise floor"). An FID at or below it cannot be told from real data at that sample size.
/// </summary>
public sealed record NoiseFloorFile
{
    public const string FileName = "noise-floor.json";
    public const string CurrentFormat = "qgan-noise-floor/1";

    public required string Format { get; init; }

    /// <summary>Samples in each of the two real sets.</summary>
    public required int EvalSamples { get; init; }

    /// <summary><c>latent</c>, <c>feature</c>, <c>pixel</c> (any subset).</summary>
    public required IReadOnlyDictionary<string, FidJsd> Spaces { get; init; }

    /// <summary>Per autoencoder name (studies with several: each latent space has its own floor), the same form as <see cref="Spaces"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, FidJsd>>? Autoencoders { get; init; }

    /// <summary>The floors of <paramref name="autoencoder"/>'s analysis: its own when the file has them, else the top level.</summary>
    public IReadOnlyDictionary<string, FidJsd> For(string? autoencoder) =>
        autoencoder is not null && Autoencoders?.GetValueOrDefault(autoencoder) is { } own ? own : Spaces;

    /// <summary>The floor in <paramref name="directory"/>, or null when the sweep has none.</summary>
    public static NoiseFloorFile? LoadFrom(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : null;
    }

    public static NoiseFloorFile Parse(string json, string source)
    {
        NoiseFloorFile? file;
        try
        {
            file = JsonSerializer.Deserialize<NoiseFloorFile>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a noise floor ({ex.Message})", ex);
        }
        if (file is null || file.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{source}: expected format '{CurrentFormat}', found '{file?.Format}'");
        }
        if (file.EvalSamples < 2)
        {
            throw new InvalidDataException($"{source}: $.evalSamples must be >= 2, got {file.EvalSamples}");
        }
        Check(file.Spaces, "$.spaces", source);
        foreach (var (name, spaces) in file.Autoencoders ?? new Dictionary<string, IReadOnlyDictionary<string, FidJsd>>())
        {
            Check(spaces, $"$.autoencoders.{name}", source);
        }
        return file;
    }

    private static void Check(IReadOnlyDictionary<string, FidJsd> spaces, string path, string source)
    {
        foreach (var (space, value) in spaces)
        {
            if (!FidSpaces.All.Contains(space))
            {
                throw new InvalidDataException($"{source}: {path}.{space}: unknown space (latent, feature or pixel)");
            }
            if (value.Fid is double f && !(f >= 0 && double.IsFinite(f)) || value.Jsd is double j && !(j >= 0 && double.IsFinite(j)))
            {
                throw new InvalidDataException($"{source}: {path}.{space}: fid and jsd must be finite and >= 0");
            }
        }
    }

    // Keys the analysis does not use are ignored: the writer may record more (e.g. how the sets were drawn).
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectRequiredConstructorParameters = true,
    };
}
