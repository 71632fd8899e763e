namespace QGan.MLNet.Transforms.Data.Png;

/// <summary>
/// The PNG folder layout of a SAT-4 data set:
/// <code>
/// DIR/                      one split (named "test" when DIR's name starts with "test", else "train")
///   barren_land/000000.png  28x28 RGBA, R G B = bands 1-3, alpha = NIR; file stem = patch index in the split
///   trees/000001.png
///   grassland/...
///   none/...
///   preview.png             optional RGB preview grid (ignored by readers)
/// or
/// DIR/train/&lt;class&gt;/*.png and DIR/test/&lt;class&gt;/*.png   several splits
/// </code>
/// Patches are ordered by their file stems (numerically when all are integers), so a data set exported with its
/// indexes reads back in its original order.
/// </summary>
public static class Sat4PngLayout
{
    /// <summary>File name of the preview grid written beside the patches.</summary>
    public const string PreviewFileName = "preview.png";

    /// <summary>Class label of a folder name (case-insensitive), or -1.</summary>
    public static int ClassOfFolder(string folderName)
    {
        for (var k = 0; k < Sat4Schema.ClassCount; k++)
        {
            if (string.Equals(folderName, Sat4Schema.ClassFolderNames[k], StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }
        return -1;
    }

    /// <summary>The split a single-split folder holds: <c>test</c> when its name starts with "test", else <c>train</c>.</summary>
    public static string SplitNameForFolder(string dir)
    {
        var name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar));
        return name.StartsWith(Sat4Schema.TestSplit, StringComparison.OrdinalIgnoreCase) ? Sat4Schema.TestSplit : Sat4Schema.TrainSplit;
    }

    /// <summary>File name of patch <paramref name="index"/>.</summary>
    public static string FileName(int index) => $"{index:D6}.png";

    internal static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');
}
