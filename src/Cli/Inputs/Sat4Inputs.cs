using QGan.MLNet.Core.Limits;
using QGan.MLNet.Transforms.Data;
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
            SizeLimits.Check(count, 2, SizeLimits.MaxSyntheticPatches, "--synthetic");
            var generated = Sat4SyntheticGenerator.Generate(count, syntheticSeed);
            return new Loaded(generated, $"synthetic SAT-4-like data, {count} patches (generator seed {syntheticSeed})");
        }

        // Format detection, missing-file and unknown-format errors are the data layer's (one loader for every command).
        var path = dataPath!;
        var set = Sat4DataLoader.Load(path, splitName);
        var split = splitName is not null ? set[splitName]
            : set.TryGetSplit(Sat4Schema.TrainSplit) ?? set.Splits[0];
        return new Loaded(split, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(path))} ({split.Name} split, {split.Count} patches)");
    }
}
