using QGan.MLNet.Transforms.Csv;

namespace QGan.MLNet.Transforms.Data.Csv;

/// <summary>Writes a split in the Kaggle CSV form (X rows of 3136 HWC integers, y one-hot rows), atomically.</summary>
public static class Sat4CsvWriter
{
    /// <summary>Writes a split as the Kaggle CSV pair (X and y files), atomically.</summary>
    public static void Write(Sat4Split split, string xPath, string yPath)
    {
        ArgumentNullException.ThrowIfNull(split);
        NumericCsv.Write(xPath, Enumerable.Range(0, split.Count).Select(i =>
        {
            var hwc = new byte[Sat4Schema.PixelCount];
            Sat4Layouts.ChwToHwc(split.GetPatch(i), hwc);
            return hwc;
        }));
        NumericCsv.Write(yPath, split.Labels.Select(label =>
        {
            var oneHot = new byte[Sat4Schema.ClassCount];
            oneHot[label] = 1;
            return oneHot;
        }));
    }
}
