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

        // Matches 315.78, 478.37, 984.35 for L = 1..3 (ratios 2.19, 1.81, 2.56) and L=4 not reached beyond 2392 classical
        // parameters (SweepAnalysisTests); with their bootstrap intervals the quantum generator is the more
        // parameter-efficient one wherever the interval lies above a ratio of 1.
        Assert.Contains("L=2: 264 quantum vs 478 classical (90 % CI ", html);
        Assert.Contains("L=4: &gt; 2392 classical (the largest grid point does not match)", html);
        Assert.Contains("quantum more parameter-efficient at", html);
        // The law verdict, whatever it is, with both slopes and their intervals: exponential a = 4.75, b = 0.00594.
        Assert.Contains("exponential ln C = 4.75 + 0.00594 x (b 90 % CI ", html);
        Assert.Contains("power ln C = -2.8 + 1.67 ln x (b 90 % CI ", html);
        Assert.Contains("4 points (3 measured, 1 bound)", html);
        Assert.Matches("RQ2b: Does the classical capacity needed grow exponentially or as a power of the quantum capacity\\?</td><td>(Exponential|Undetermined) \\(", html);
        // No critic law: every optimum of this 2-critic grid sits at an edge (bounds only).
        Assert.Contains("Quantum generators: undetermined: no fit (fewer than 2 measured points at different capacities).", html);
        Assert.Contains("31 of 36 finished runs trained stably; 1 diverged, 0 crashed. runs.csv does not say which runs converged.", html);
        Assert.Contains("Not measured: the sweep trained on pre-encoded latents", html);
        Assert.Contains("runs.csv does not record convergence", html);

        // Figures: curves, heatmap, matching fit, scaling laws, critic fits per kind, critic scaling; no sample grids
        // without an autoencoder, and the page says why.
        var sources = Regex.Matches(html, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(
            ["fid-quantum.png", "wasserstein-quantum.png", "fid-classical.png", "wasserstein-classical.png", "heatmap-fid.png", "matching.png", "scaling.png",
             "critic-fits-quantum.png", "critic-fits-classical.png", "critic-scaling.png"],
            sources);
        Assert.All(sources, s => Assert.True(PngFile.HasSignature(Path.Combine(output, s))));
        Assert.Contains("No sample grids: the sweep was trained on pre-encoded latents without an autoencoder", html);
        var (width, height, _) = PngFile.Read(Path.Combine(output, "scaling.png"));
        Assert.Equal((900, 520), (width, height));
    }
}
