using QGan.MLNet.Transforms.Data.Csv;
using QGan.MLNet.Transforms.Data.Mat;
using QGan.MLNet.Transforms.Data.Png;

namespace QGan.MLNet.Transforms.Data;

/// <summary>The source formats of SAT-4 data.</summary>
public enum Sat4Format
{
    /// <summary>The original MATLAB v5 file (sat-4-full.mat).</summary>
    Mat,
    /// <summary>The Kaggle CSV layout (X_*.csv, y_*.csv).</summary>
    KaggleCsv,
    /// <summary>A folder of PNG patches, one subfolder per class.</summary>
    PngFolder,
}

/// <summary>Reads a SAT-4 data set from any supported source, detecting the format from the path.</summary>
public static class Sat4DataLoader
{
    /// <summary>
    /// A folder is a PNG layout, a <c>.mat</c> file (or any file starting with a MATLAB header) a MAT-file, a <c>.csv</c>
    /// a Kaggle <c>X_*.csv</c> with its <c>y_*.csv</c> beside it.
    /// </summary>
    public static Sat4Format DetectFormat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return Sat4Format.PngFolder;
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file or folder.", path);
        }
        var extension = Path.GetExtension(path);
        if (extension.Equals(".mat", StringComparison.OrdinalIgnoreCase))
        {
            return Sat4Format.Mat;
        }
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return Sat4Format.KaggleCsv;
        }
        Span<byte> head = stackalloc byte[6];
        using (var stream = File.OpenRead(path))
        {
            if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual("MATLAB"u8))
            {
                return Sat4Format.Mat;
            }
        }
        throw new NotSupportedException($"{path}: unknown data format (expected a .mat file, a Kaggle X_*.csv or a PNG folder).");
    }

    /// <summary>Reads all splits of <paramref name="path"/> (or only <paramref name="split"/> of a .mat).</summary>
    public static Sat4DataSet Load(string path, string? split = null) => DetectFormat(path) switch
    {
        Sat4Format.Mat => Sat4MatReader.Read(path, split),
        Sat4Format.KaggleCsv => Only(Sat4CsvReader.Read(path), split, path),
        _ => Only(Sat4PngFolderReader.Read(path), split, path),
    };

    private static Sat4DataSet Only(Sat4DataSet data, string? split, string path)
    {
        if (split is null)
        {
            return data;
        }
        var found = data.TryGetSplit(split) ?? throw new ArgumentException(
            $"{path}: holds split(s) {string.Join(", ", data.Splits.Select(s => s.Name))}, not '{split}'.");
        return new Sat4DataSet([found], data.Annotations, data.Source);
    }
}
