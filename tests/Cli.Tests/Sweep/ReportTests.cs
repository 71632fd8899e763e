using System.Diagnostics;
using System.Text.RegularExpressions;

namespace QGan.MLNet.Cli.Tests.Sweep;

public sealed partial class ReportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private string Index => Path.Combine(fixture.ReportDirectory, "index.html");

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();

    private string[] ImageSources() => [.. ImageSource().Matches(File.ReadAllText(Index)).Select(m => m.Groups[1].Value)];

    [Fact]
    public void Every_image_of_the_page_is_a_png_beside_it()
    {
        Assert.True(fixture.SweepResult.ExitCode == 0, fixture.SweepResult.StdErr + fixture.SweepResult.StdOut);
        Assert.True(fixture.ReportResult.ExitCode == 0, fixture.ReportResult.StdErr);
        var sources = ImageSources();
        // 2 kinds x (FID, Wasserstein) + heatmap + matching + scaling + critic scaling + 4 sample sets x (RGB, false colour,
        // NIR); no critic-fit figures with a single critic width.
        Assert.Equal(20, sources.Length);
        foreach (var src in sources)
        {
            Assert.DoesNotContain("/", src); // relative, beside index.html
            var path = Path.Combine(fixture.ReportDirectory, src);
            Assert.True(File.Exists(path), $"{src} is missing");
            Assert.True(PngFile.HasSignature(path), $"{src} is not a PNG");
        }
        Assert.DoesNotContain("http", File.ReadAllText(Index).Replace("http-equiv", ""));
    }

    [Fact]
    public void Sample_grids_show_real_reconstructed_quantum_and_classical_patches()
    {
        foreach (var name in new[] { "real", "reconstruction", "quantum", "classical" })
        {
            foreach (var view in new[] { "rgb", "cir", "nir" })
            {
                var (width, height, _) = PngFile.Read(Path.Combine(fixture.ReportDirectory, $"samples-{name}-{view}.png"));
                // 16 patches, 8 per row, 28 px at 3x plus 2-px gaps: 8 * 86 + 2 = 690 by 2 * 86 + 2 = 174.
                Assert.Equal((690, 174), (width, height));
            }
        }
        var html = File.ReadAllText(Index);
        Assert.Contains("Best quantum generator: quantum L=1", html);
    }

    [Fact]
    public void Research_questions_are_answered_from_the_data_and_hardware_results_are_read_when_present()
    {
        var html = File.ReadAllText(Index);
        Assert.Contains("Not run: the sweep directory has no", html);
        // The first question restates the matching row of summary.json (the status decides the wording).
        using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.SweepDirectory, "summary.json"))))
        {
            var status = summary.RootElement.GetProperty("matching")[0].GetProperty("status").GetString();
            Assert.Contains($"<td>{status}</td>", html);
            Assert.Contains("RQ2a: How many classical generator parameters match a quantum generator", html);
        }
        Assert.Contains("validation MSE", html); // the shipped autoencoder's quality is quoted
        Assert.Contains("3 of 3 finished runs", html);

        // A hardware result with a recognisable noise-free / noisy FID pair.
        var hardware = Path.Combine(fixture.SweepDirectory, "hardware");
        Directory.CreateDirectory(hardware);
        File.WriteAllText(Path.Combine(hardware, "l1.json"), """{ "layers": 1, "idealFid": 1.5, "noisyFid": 2.25, "shots": 1000 }""");
        var runHardware = Path.Combine(fixture.SweepDirectory, "runs", "0", "hardware");
        Directory.CreateDirectory(runHardware);
        File.WriteAllText(Path.Combine(runHardware, "shots.json"), """{ "noiseFree": { "latentJsd": 0.25 }, "shots": 100, "label": "x" }""");
        var other = Path.Combine(fixture.Workspace.Root, "report-hw");
        try
        {
            var result = QganProcess.Run("report", "--sweep", fixture.SweepDirectory, "--out", other);
            Assert.True(result.ExitCode == 0, result.StdErr);
            var withHardware = File.ReadAllText(Path.Combine(other, "index.html"));
            Assert.Contains("hardware/l1.json: FID 1.5 noise-free vs 2.25 noisy (+0.75)", withHardware);
            // A file the report cannot pair is still listed with its values (written into the run folder it evaluated).
            Assert.Contains("runs/0/hardware/shots.json: 2 values", withHardware);
            Assert.Contains("noiseFree.latentJsd", withHardware);
            Assert.DoesNotContain("Not run: the sweep directory has no", withHardware);
        }
        finally
        {
            Directory.Delete(hardware, recursive: true);
            Directory.Delete(runHardware, recursive: true);
        }
    }

    [Fact]
    public void Missing_sweep_directory_is_an_input_error_and_writes_nothing()
    {
        var output = Path.Combine(fixture.Workspace.Root, "report-none");
        var result = QganProcess.Run("report", "--sweep", Path.Combine(fixture.Workspace.Root, "nope"), "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a sweep directory", result.StdErr);
        Assert.False(Directory.Exists(output));
    }

    [ChromiumFact]
    public void Page_renders_in_headless_chromium_with_every_image_loaded()
    {
        var profile = Path.Combine(fixture.Workspace.Root, "chromium-profile");
        var screenshot = Path.Combine(fixture.Workspace.Root, "page.png");
        var url = new Uri(Index).AbsoluteUri;

        var shot = Chromium(profile, $"--screenshot={screenshot}", "--window-size=1280,2000", url);
        Assert.True(File.Exists(screenshot), "no screenshot: " + shot);
        var (width, height, scanlines) = PngFile.Read(screenshot);
        Assert.Equal((1280, 2000), (width, height));
        // Non-blank: a white page inflates to a handful of byte values; text and figures give hundreds.
        Assert.True(scanlines.Distinct().Count() > 50, "the screenshot is blank");

        var dom = Chromium(profile, "--dump-dom", "--virtual-time-budget=5000", url);
        var check = Regex.Match(dom, "id=\"image-check\"[^>]*data-loaded=\"(-?\\d+)\" data-total=\"(-?\\d+)\"");
        Assert.True(check.Success, "the image check did not run: " + dom[..Math.Min(dom.Length, 500)]);
        int total = ImageSources().Length;
        Assert.Equal(total.ToString(), check.Groups[2].Value);
        Assert.Equal(total.ToString(), check.Groups[1].Value);
        Assert.DoesNotContain("data-natural-width=\"0\"", dom);
    }

    private static string Chromium(string profile, params string[] args)
    {
        var psi = new ProcessStartInfo(ChromiumFactAttribute.ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={profile}",
        }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 90 s");
        }
        return stdout.Result + stderr.Result;
    }
}
