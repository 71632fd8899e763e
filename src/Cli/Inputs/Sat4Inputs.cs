using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Data.Csv;
using QGan.MLNet.Transforms.Data.Mat;
using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Transforms.Data.Synthetic;

namespace QGan.MLNet.Cli.Inputs;

/// <summary>
/// Resolves the <c>--data PATH</c> / <c>--synthetic N</c> pair shared by the commands into one split of patches:
/// a <c>.mat</c> file (MATLAB v5, as distributed), a Kaggle <c>X_*.csv</c> file (with its <c>y_*.csv</c>), or a PNG
/// folder; or N deterministic synthetic SAT-4-like patches.
/// </summary>
internal static class Sat4Inputs
{
    public sealed record Loaded(Sat4Split Split, string Description);

    public static Loaded Load(string? dataPath, int? synthetic, ulong syntheticSeed, string? splitName)
    {
        if (dataPath is null == synthetic is null)
        {
            throw new ArgumentException("give exactly one of --data PATH or --synthetic N.");
        }
        if (synthetic is { } count)
        {
            if (count < 2)
            {
                throw new ArgumentException($"--synthetic must be at least 2, not {count}.");
            }
            var generated = Sat4SyntheticGenerator.Generate(count, syntheticSeed);
            return new Loaded(generated, $"synthetic SAT-4-like data, {count} patches (generator seed {syntheticSeed})");
        }

        var path = dataPath!;
        Sat4DataSet set;
        if (Directory.Exists(path))
        {
            set = Sat4PngFolderReader.Read(path);
        }
        else if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }
        else
        {
            set = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".mat" => Sat4MatReader.Read(path),
                ".csv" => Sat4CsvReader.Read(path),
                var ext => throw new NotSupportedException($"{path}: unknown data format '{ext}' (expected .mat, X_*.csv or a PNG folder)."),
            };
        }
        var split = splitName is not null ? set[splitName]
            : set.TryGetSplit(Sat4Schema.TrainSplit) ?? set.Splits[0];
        return new Loaded(split, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(path))} ({split.Name} split, {split.Count} patches)");
    }
}
