using System.Runtime.ExceptionServices;

namespace QGan.MLNet.Transforms.Data.Png;

/// <summary>How the PNG files are decoded.</summary>
public enum PngDecoding
{
    /// <summary>Unpremultiplied RGBA: all four bands bit-exact (the default).</summary>
    Exact,

    /// <summary>
    /// Through ML.NET ImageAnalytics (<c>LoadImages</c> + <c>ExtractPixels</c>). Its decoder premultiplies RGB by alpha
    /// (NIR): R' = round(R * NIR / 255), likewise G and B; NIR itself is exact. Lossy, and RGB is 0 wherever NIR is 0.
    /// </summary>
    ImageAnalytics,
}

/// <summary>Reads a data set in the <see cref="Sat4PngLayout"/> folder layout.</summary>
public static class Sat4PngFolderReader
{
    /// <summary>Reads a PNG folder (one subfolder per class) as a data set; <paramref name="decoding"/> chooses how alpha is read.</summary>
    public static Sat4DataSet Read(string dir, PngDecoding decoding = PngDecoding.Exact)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"{dir}: folder not found.");
        }
        var splits = new List<Sat4Split>();
        foreach (var (name, splitDir) in FindSplits(dir))
        {
            var files = ListPatches(splitDir);
            var pixels = new byte[files.Count * Sat4Schema.PixelCount];
            var labels = files.Select(f => f.Label).ToArray();
            if (decoding == PngDecoding.Exact)
            {
                DecodeExact(files, pixels);
            }
            else
            {
                ImageAnalyticsPngDecoder.Decode(files.Select(f => f.Path).ToArray(), pixels);
            }
            splits.Add(new Sat4Split(name, pixels, labels));
        }
        return new Sat4DataSet(splits, null, decoding == PngDecoding.Exact ? "PNG folder" : "PNG folder (ImageAnalytics, premultiplied)");
    }

    private static List<(string Name, string Dir)> FindSplits(string dir)
    {
        var subdirs = Directory.GetDirectories(dir).Where(d => !Sat4PngLayout.IsHidden(d)).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        var names = subdirs.Select(Path.GetFileName).ToArray();
        if (names.Any(n => Sat4PngLayout.ClassOfFolder(n!) >= 0))
        {
            return [(Sat4PngLayout.SplitNameForFolder(dir), dir)];
        }
        var splitNames = new[] { Sat4Schema.TrainSplit, Sat4Schema.TestSplit };
        if (names.Any(n => splitNames.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            foreach (var d in subdirs)
            {
                if (!splitNames.Contains(Path.GetFileName(d), StringComparer.OrdinalIgnoreCase))
                {
                    throw DataErrors.Invalid(d, "folder", $"unknown split folder (expected {string.Join(", ", splitNames)})");
                }
            }
            return splitNames
                .Select(s => (s, subdirs.FirstOrDefault(d => string.Equals(Path.GetFileName(d), s, StringComparison.OrdinalIgnoreCase))))
                .Where(p => p.Item2 is not null)
                .Select(p => (p.s, p.Item2!))
                .ToList();
        }
        throw DataErrors.Invalid(dir, "folder", $"no class folders ({string.Join(", ", Sat4Schema.ClassFolderNames)}) or split folders (train, test)");
    }

    private static List<(string Path, int Label)> ListPatches(string splitDir)
    {
        var result = new List<(string Path, int Label, long Number, string Stem)>();
        foreach (var classDir in Directory.GetDirectories(splitDir).Where(d => !Sat4PngLayout.IsHidden(d)))
        {
            var label = Sat4PngLayout.ClassOfFolder(Path.GetFileName(classDir));
            if (label < 0)
            {
                throw DataErrors.Invalid(classDir, "folder",
                    $"unknown class folder (expected {string.Join(", ", Sat4Schema.ClassFolderNames)})");
            }
            foreach (var entry in Directory.GetFileSystemEntries(classDir).Where(e => !Sat4PngLayout.IsHidden(e)))
            {
                if (Directory.Exists(entry) || !entry.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                {
                    throw DataErrors.Invalid(entry, "file", "not a .png file (class folders hold only patch PNGs)");
                }
                var stem = Path.GetFileNameWithoutExtension(entry);
                var number = long.TryParse(stem, System.Globalization.NumberStyles.None, null, out var n) ? n : long.MaxValue;
                result.Add((entry, label, number, stem));
            }
        }
        if (result.Count == 0)
        {
            throw DataErrors.Invalid(splitDir, "folder", "no PNG patches in the class folders");
        }
        return result
            .OrderBy(r => r.Number)
            .ThenBy(r => r.Stem, StringComparer.Ordinal)
            .ThenBy(r => r.Label)
            .Select(r => (r.Path, r.Label))
            .ToList();
    }

    private static void DecodeExact(List<(string Path, int Label)> files, byte[] pixels)
    {
        try
        {
            Parallel.For(0, files.Count, i =>
                PngPatchCodec.Decode(files[i].Path, pixels.AsSpan(i * Sat4Schema.PixelCount, Sat4Schema.PixelCount)));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Report the first bad file as the exception it is, not wrapped.
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }
}
