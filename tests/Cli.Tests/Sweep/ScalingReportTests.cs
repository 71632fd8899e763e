using System.Text.RegularExpressions;
using QGan.MLNet.Experiments.Tests;

namespace QGan.MLNet.Cli.Tests.Sweep;

/// <summary>The report of the hand-made sweep, whose analysis is known (SweepAnalysisTests): fits, bands and wording.</summary>
public sealed class ScalingReportTests
{
    [Fact]
    public void Report_of_the_hand_made_sweep_states_the_fitted_laws_and_draws_their_bands()
    {
        using var ws = new SweepWorkspace(4);
        var layout = HandMadeSweepDirectory.Write(ws.Root);
        var output = ws.Combine("report");
        var result = QganProcess.Run("report", "--sweep", layout.Directory, "--out", output);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var html = File.ReadAllText(Path.Combine(output, "index.html"));

        // Matched ratios 2.2222, 1.8757, 2.6584 (L = 1..3) and L=4 not reached beyond 2392 classical parameters.
        Assert.Contains("At matched FID the classical generators need 1.88x to 2.66x the quantum parameters (median 2.22x, 3 matched quantum capacities).", html);
        Assert.Contains("L=4: &gt; 2392 classical (largest grid point does not match)", html);
        // Exponential law preferred by AIC (-10.16 vs -6.20) with R^2 0.980 vs 0.925, flagged as weak with 3 points.
        Assert.Contains("The exponential law fits better (exponential law preferred (AIC -10.16 vs -6.20, R^2 0.980 vs 0.925)). With only 3 points this is weak evidence.", html);
        Assert.Contains("ln C = 5.02 + 0.00483 Q", html);
        Assert.Contains("31 of 36 finished runs trained stably; 1 diverged.", html);
        Assert.Contains("Not measured: the sweep trained on pre-encoded latents", html);

        // Figures: curves, heatmap, scaling, critic scaling; no sample grids without an autoencoder, and the page says why.
        var sources = Regex.Matches(html, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["fid-quantum.png", "wasserstein-quantum.png", "fid-classical.png", "wasserstein-classical.png", "heatmap-fid.png", "scaling.png", "critic-scaling.png"], sources);
        Assert.All(sources, s => Assert.True(PngFile.HasSignature(Path.Combine(output, s))));
        Assert.Contains("No sample grids: the sweep was trained on pre-encoded latents without an autoencoder", html);
        var (width, height, _) = PngFile.Read(Path.Combine(output, "scaling.png"));
        Assert.Equal((900, 520), (width, height));
    }
}
