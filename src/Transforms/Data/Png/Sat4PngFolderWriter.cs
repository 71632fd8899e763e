using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Data.Png;

/// <summary>
/// Writes data sets in the <see cref="Sat4PngLayout"/> folder layout, plus an RGB preview grid per split, atomically
/// (built in a temporary folder beside the target, then renamed into place).
/// </summary>
public static class Sat4PngFolderWriter
{
    /// <summary>Writes every split to <c>dir/&lt;split&gt;/&lt;class&gt;/NNNNNN.png</c> and <c>dir/&lt;split&gt;/preview.png</c>.</summary>
    public static void Write(Sat4DataSet data, string dir, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        AtomicDirectory.Create(dir, overwrite, tmp =>
        {
            foreach (var split in data.Splits)
            {
                WriteSplitInto(split, Path.Combine(tmp, split.Name));
            }
        });
    }

    /// <summary>Writes one split directly as <c>dir/&lt;class&gt;/NNNNNN.png</c> and <c>dir/preview.png</c>.</summary>
    public static void WriteSplit(Sat4Split split, string dir, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(split);
        AtomicDirectory.Create(dir, overwrite, tmp => WriteSplitInto(split, tmp));
    }

    private static void WriteSplitInto(Sat4Split split, string dir)
    {
        foreach (var folder in Sat4Schema.ClassFolderNames)
        {
            Directory.CreateDirectory(Path.Combine(dir, folder));
        }
        Parallel.For(0, split.Count, i =>
        {
            var path = Path.Combine(dir, Sat4Schema.ClassFolderNames[split.Labels[i]], Sat4PngLayout.FileName(i));
            File.WriteAllBytes(path, PngPatchCodec.Encode(split.GetPatch(i)));
        });
        File.WriteAllBytes(Path.Combine(dir, Sat4PngLayout.PreviewFileName), PreviewGrid.Render(split));
    }
}
