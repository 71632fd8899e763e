using System.Globalization;
using System.Text;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>Slurm array index expressions: <c>3,5,7-9</c> (with an optional <c>%K</c> throttle).</summary>
public static class ArrayRanges
{
    /// <summary>Compresses run indices into Slurm's range syntax, e.g. [3, 5, 7, 8, 9] -> "3,5,7-9".</summary>
    public static string Format(IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var sorted = indices.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("an array needs at least one index", nameof(indices));
        }
        if (sorted[0] < 0)
        {
            throw new ArgumentException($"array indices must be >= 0, got {sorted[0]}", nameof(indices));
        }
        var text = new StringBuilder();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            if (text.Length > 0)
            {
                text.Append(',');
            }
            text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                text.Append('-').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            }
            i = j + 1;
        }
        return text.ToString();
    }

    /// <summary>The <c>--array</c> value: ranges plus the concurrency throttle (none when <paramref name="throttle"/> is null).</summary>
    public static string Format(IEnumerable<int> indices, int? throttle) =>
        throttle is int k ? $"{Format(indices)}%{k.ToString(CultureInfo.InvariantCulture)}" : Format(indices);

    /// <summary>Expands "1,3,5-6%2" (as scontrol's ArrayTaskId prints it; "5-9:2" steps too) into its indices.</summary>
    public static IReadOnlyList<int> Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var body = expression.Split('%')[0].Trim();
        var result = new List<int>();
        foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var stepParts = part.Split(':');
            int step = stepParts.Length == 2 ? ParseInt(stepParts[1], expression) : 1;
            var bounds = stepParts[0].Split('-');
            int first = ParseInt(bounds[0], expression);
            int last = bounds.Length == 2 ? ParseInt(bounds[1], expression) : first;
            if (bounds.Length > 2 || stepParts.Length > 2 || step < 1 || last < first)
            {
                throw new FormatException($"'{expression}' is not a Slurm array expression ('{part}')");
            }
            for (int i = first; i <= last; i += step)
            {
                result.Add(i);
            }
        }
        return result;
    }

    private static int ParseInt(string text, string expression) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"'{expression}' is not a Slurm array expression ('{text}' is not an index)");
}
