using System.Globalization;
using QGan.MLNet.Core.Limits;

namespace QGan.MLNet.Cli.Gan;

/// <summary>Parses hidden-layer widths written as <c>64,64</c> (empty string: no hidden layer).</summary>
internal static class WidthList
{
    public static int[] Parse(string text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > SizeLimits.MaxDepth)
        {
            throw new ArgumentException($"{option}: {parts.Length} hidden layers, at most {SizeLimits.MaxDepth}");
        }
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1)
            {
                throw new ArgumentException($"{option}: '{parts[i]}' (entry {i + 1} of '{text}') is not a positive integer width");
            }
            SizeLimits.Check(widths[i], 1, SizeLimits.MaxWidth, $"{option} entry {i + 1}");
        }
        return widths;
    }
}
