using System.Text.Json;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Transforms.Tests.Evaluation;

/// <summary>Reads <c>tests/fixtures/fid/expected.json</c> (computed with numpy/scipy).</summary>
internal static class FidFixture
{
    private static readonly Lazy<JsonElement> _expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path("fid", "expected.json"))).RootElement);

    public static JsonElement Expected => _expected.Value;

    public static string Csv(string name) => Fixtures.Path("fid", name);

    public static double ExpectedFid(string set) => Expected.GetProperty(set).GetProperty("fid").GetDouble();

    public static double[] ExpectedJsdPerChannel() =>
        Expected.GetProperty("jsd").GetProperty("per_channel").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static double ExpectedJsdMean() => Expected.GetProperty("jsd").GetProperty("mean").GetDouble();
}
