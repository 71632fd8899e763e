using System.Text;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Data.Csv;

/// <summary>Writes a split in the Kaggle CSV form (X rows of 3136 HWC integers, y one-hot rows), atomically.</summary>
public static class Sat4CsvWriter
{
    /// <summary>Writes a split as the Kaggle CSV pair (X and y files), atomically.</summary>
    public static void Write(Sat4Split split, string xPath, string yPath)
    {
        ArgumentNullException.ThrowIfNull(split);
        AtomicFile.Write(xPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            var hwc = new byte[Sat4Schema.PixelCount];
            var line = new StringBuilder(Sat4Schema.PixelCount * 4);
            for (var i = 0; i < split.Count; i++)
            {
                Sat4Layouts.ChwToHwc(split.GetPatch(i), hwc);
                line.Clear();
                for (var k = 0; k < hwc.Length; k++)
                {
                    if (k > 0)
                    {
                        line.Append(',');
                    }
                    line.Append(hwc[k]);
                }
                writer.Write(line);
                writer.Write('\n');
            }
        });
        AtomicFile.Write(yPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            foreach (var label in split.Labels)
            {
                for (var k = 0; k < Sat4Schema.ClassCount; k++)
                {
                    writer.Write(k == label ? '1' : '0');
                    writer.Write(k < Sat4Schema.ClassCount - 1 ? ',' : '\n');
                }
            }
        });
    }
}
