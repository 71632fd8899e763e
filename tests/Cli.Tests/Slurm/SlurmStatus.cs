using System.Text.Json;

namespace QGan.MLNet.Cli.Tests.Slurm;

/// <summary>Reads <c>qgan sweep status --json</c>.</summary>
internal sealed record SlurmStatus(int Index, string State, string? Job, string? SlurmState, IReadOnlyList<string> LogTail)
{
    public static IReadOnlyList<SlurmStatus> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal("qgan-sweep-status/1", document.RootElement.GetProperty("format").GetString());
        return document.RootElement.GetProperty("runs").EnumerateArray().Select(r => new SlurmStatus(
            r.GetProperty("index").GetInt32(),
            r.GetProperty("state").GetString()!,
            r.GetProperty("job").GetString(),
            r.GetProperty("slurmState").GetString(),
            r.GetProperty("logTail").EnumerateArray().Select(l => l.GetString()!).ToList())).ToList();
    }
}
