using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>How <see cref="Sat4MatWriter"/> lays out the label arrays.</summary>
public enum Sat4MatLabelLayout
{
    /// <summary>4xN double, as in the distributed <c>sat-4-full.mat</c>.</summary>
    ClassesByPatchesDouble,

    /// <summary>Nx4 uint8.</summary>
    PatchesByClassesUInt8,
}

/// <summary>Options of <see cref="Sat4MatWriter"/>.</summary>
public sealed record Sat4MatWriteOptions
{
    /// <summary>Compress the variables (miCOMPRESSED, zlib); default uncompressed like the original file.</summary>
    public bool Compress { get; init; }
    /// <summary>Write big-endian data (default little-endian).</summary>
    public bool BigEndian { get; init; }
    /// <summary>How labels are stored (default: one-hot classes x patches in double, as the original file).</summary>
    public Sat4MatLabelLayout LabelLayout { get; init; } = Sat4MatLabelLayout.ClassesByPatchesDouble;
    /// <summary>Also write the class names (default true).</summary>
    public bool WriteAnnotations { get; init; } = true;
}

/// <summary>
/// Writes a <see cref="Sat4DataSet"/> in the layout of <c>sat-4-full.mat</c> (<c>{split}_x</c> 28x28x4xN uint8
/// column-major, <c>{split}_y</c> one-hot, <c>annotations</c> 4x2 cell), atomically.
/// </summary>
public static class Sat4MatWriter
{
    private static readonly string[] _shortNames = ["BarrenLand", "Trees", "Grassland", "Other"];

    /// <summary>Writes the data set as a MATLAB v5 file, atomically (default options when null).</summary>
    public static void Write(Sat4DataSet data, string path, Sat4MatWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        AtomicFile.Write(path, stream => Write(data, stream, options ?? new Sat4MatWriteOptions()));
    }

    /// <summary>Writes the data set as a MATLAB v5 file to <paramref name="stream"/>.</summary>
    public static void Write(Sat4DataSet data, Stream stream, Sat4MatWriteOptions options)
    {
        var writer = new MatV5Writer(stream, options.BigEndian);
        foreach (var split in data.Splits)
        {
            // Patches stream out one at a time (transposed to column-major), so no copy of the split is made.
            writer.WriteUInt8(split.Name + "_x", [Sat4Schema.Height, Sat4Schema.Width, Sat4Schema.Channels, split.Count],
                split.Pixels.LongLength, s =>
                {
                    var columnMajor = new byte[Sat4Schema.PixelCount];
                    for (var i = 0; i < split.Count; i++)
                    {
                        Sat4Layouts.ChwToColumnMajor(split.GetPatch(i), columnMajor);
                        s.Write(columnMajor);
                    }
                }, options.Compress);

            var oneHot = new double[split.Count * Sat4Schema.ClassCount];
            var byClasses = options.LabelLayout == Sat4MatLabelLayout.ClassesByPatchesDouble;
            for (var i = 0; i < split.Count; i++)
            {
                oneHot[byClasses ? split.Labels[i] + Sat4Schema.ClassCount * i : i + split.Count * split.Labels[i]] = 1;
            }
            if (byClasses)
            {
                writer.WriteNumeric(split.Name + "_y", MatArrayClass.Double, [Sat4Schema.ClassCount, split.Count], oneHot, MatDataType.Double, options.Compress);
            }
            else
            {
                writer.WriteNumeric(split.Name + "_y", MatArrayClass.UInt8, [split.Count, Sat4Schema.ClassCount], oneHot, MatDataType.UInt8, options.Compress);
            }
        }
        if (options.WriteAnnotations)
        {
            var cells = new string[Sat4Schema.ClassCount, 2];
            for (var k = 0; k < Sat4Schema.ClassCount; k++)
            {
                cells[k, 0] = _shortNames[k];
                cells[k, 1] = Sat4Schema.ClassNames[k];
            }
            writer.WriteStringCell("annotations", cells, options.Compress);
        }
    }
}
