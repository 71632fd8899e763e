using System.Text.Json;

namespace QGan.MLNet.Experiments.Analysis;

/// <summary>
/// <c>DIR/autoencoders.json</c>: the autoencoders of a study that lists several (<c>data.autoencoders</c>), in config
/// order, each with its reconstruction error (docs/sweep.md, "Autoencoders"). Runs name theirs in runs.csv's
/// <c>autoencoder</c> column.
/// </summary>
public sealed record AutoencoderCatalog
{
    public const string FileName = "autoencoders.json";
    public const string CurrentFormat = "qgan-autoencoders/1";

    public required string Format { get; init; }

    public required IReadOnlyList<Entry> Autoencoders { get; init; }

    /// <param name="Name">The name runs.csv's <c>autoencoder</c> column uses.</param>
    /// <param name="ReconstructionMse">Mean squared reconstruction error on held-out patches.</param>
    public sealed record Entry(string Name, string? Path = null, double? ReconstructionMse = null);

    public static AutoencoderCatalog? LoadFrom(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : null;
    }

    public static AutoencoderCatalog Parse(string json, string source)
    {
        AutoencoderCatalog? catalog;
        try
        {
            catalog = JsonSerializer.Deserialize<AutoencoderCatalog>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not an autoencoder list ({ex.Message})", ex);
        }
        if (catalog is null || catalog.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{source}: expected format '{CurrentFormat}', found '{catalog?.Format}'");
        }
        for (int i = 0; i < catalog.Autoencoders.Count; i++)
        {
            var e = catalog.Autoencoders[i];
            if (string.IsNullOrEmpty(e.Name))
            {
                throw new InvalidDataException($"{source}: $.autoencoders[{i}].name is required");
            }
            if (e.ReconstructionMse is double mse && !(mse >= 0 && double.IsFinite(mse)))
            {
                throw new InvalidDataException($"{source}: $.autoencoders[{i}].reconstructionMse must be finite and >= 0");
            }
        }
        var duplicate = catalog.Autoencoders.GroupBy(e => e.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{source}: autoencoder name '{duplicate.Key}' appears twice");
        }
        return catalog;
    }

    public Entry? Find(string? name) => Autoencoders.FirstOrDefault(e => e.Name == name);

    // Keys the analysis does not use are ignored: the writer may record more (e.g. the held-out images).
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectRequiredConstructorParameters = true,
    };
}
