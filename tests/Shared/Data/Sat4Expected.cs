using System.Text.Json;

namespace QGan.MLNet.Tests.Shared.Data;

/// <summary>
/// The reference numbers of the SAT-4 mini fixture (<c>sat4/sat4mini.expected.json</c>, computed independently with
/// numpy/scipy): per split the count, class counts, channel sums and probe pixels.
/// </summary>
public sealed record Sat4Expected(IReadOnlyDictionary<string, Sat4Expected.Split> Splits, IReadOnlyList<string> ClassNames)
{
    public sealed record Probe(int Image, int Row, int Col, int Channel, int Value);

    public sealed record Split(int Count, int[] ClassCounts, long[] ChannelSums, Probe[] Probes);

    public static string MatPath => Fixtures.Path("sat4", "sat4mini.mat");
    public static string CompressedMatPath => Fixtures.Path("sat4", "sat4mini-compressed.mat");
    public static string CsvPath(string split) => Fixtures.Path("sat4", $"X_{split}_sat4mini.csv");
    public static string JsonPath => Fixtures.Path("sat4", "sat4mini.expected.json");

    public static Sat4Expected Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(JsonPath));
        var splits = new Dictionary<string, Split>();
        foreach (var name in new[] { "train", "test" })
        {
            var s = doc.RootElement.GetProperty(name);
            splits[name] = new Split(
                s.GetProperty("count").GetInt32(),
                s.GetProperty("class_counts").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                s.GetProperty("channel_sums").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                s.GetProperty("probes").EnumerateArray().Select(p => new Probe(
                    p.GetProperty("image").GetInt32(), p.GetProperty("row").GetInt32(), p.GetProperty("col").GetInt32(),
                    p.GetProperty("channel").GetInt32(), p.GetProperty("value").GetInt32())).ToArray());
        }
        var classNames = doc.RootElement.GetProperty("class_names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        return new Sat4Expected(splits, classNames);
    }
}
