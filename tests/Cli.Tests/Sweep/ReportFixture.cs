using QGan.MLNet.Tests.Shared;

using QGan.MLNet.Experiments.Tests;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>
/// One tiny sweep with the shipped autoencoder on synthetic patches (1 quantum 12-qubit L=1 and 2 classical
/// generators, 6 iterations each) and its report, shared by the report tests.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    internal SweepWorkspace Workspace { get; } = new(10);

    public string SweepDirectory => Workspace.Combine("sweep");

    public string ReportDirectory => Workspace.Combine("report");

    internal QganProcess.Result SweepResult { get; }

    internal QganProcess.Result ReportResult { get; }

    public ReportFixture()
    {
        var autoencoder = Path.Combine(Fixtures.RepoRoot, "models", "sat4-synthetic").Replace("\\", "/");
        var config = Workspace.Config("sweep.json", $$"""
            {
              "data": { "autoencoder": "{{autoencoder}}", "synthetic": 120 },
              "heldOut": 30,
              "generators": { "quantum": { "layers": [1] }, "classical": { "widths": [4, 16], "depth": 1 } },
              "critic": { "widths": [8], "depth": 1 },
              "seeds": [1],
              "training": { "iterations": 6, "batchSize": 8, "criticSteps": 1, "metricsInterval": 3, "checkpointInterval": 3 },
              "analysis": { "lastK": 2, "maxFidSpread": 10, "bootstrap": { "samples": 20 } }
            }
            """);
        SweepResult = QganProcess.Run("sweep", "--config", config, "--out", SweepDirectory, "--workers", "2");
        ReportResult = QganProcess.Run("report", "--sweep", SweepDirectory, "--out", ReportDirectory);
    }

    public void Dispose() => Workspace.Dispose();
}
