using QGan.MLNet.Cli.Tests.Sweep;

using QGan.MLNet.Experiments.Tests;

namespace QGan.MLNet.Cli.Tests.Slurm;

/// <summary>The Slurm executor's CLI contract that needs no cluster: dry runs, missing sbatch, misplaced flags.</summary>
public sealed class SlurmCliTests
{
    internal const string FourRuns = """
        {
          "data": { "latents": "lat.csv" },
          "heldOut": 20,
          "generators": { "classical": { "widths": [4, 8], "depth": 1 } },
          "critic": { "widths": [8], "depth": 1 },
          "seeds": [1, 2],
          "training": { "iterations": 12, "batchSize": 8, "criticSteps": 1, "metricsInterval": 4, "checkpointInterval": 4 },
          "analysis": { "lastK": 2, "bootstrap": { "samples": 0 } }
        }
        """;

    [Fact]
    public void Dry_run_prints_the_script_and_the_sbatch_command_and_writes_nothing()
    {
        using var ws = new SweepWorkspace(60);
        var config = ws.Config("sweep.json", FourRuns);
        var output = ws.Combine("out");
        var dry = QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output, "--dry-run",
            "--max-concurrent", "2", "--time", "10:00", "--sbatch-arg=--qos=short", "--setup", "module load dotnet");
        Assert.True(dry.ExitCode == 0, dry.StdErr);
        var lines = dry.StdOut.Split('\n');
        Assert.Equal($"# {output}/slurm/submit-1.sh", lines[0]);
        Assert.Equal("#!/bin/bash", lines[1]);
        Assert.Contains("#SBATCH --array=0-3%2", lines);
        Assert.Contains("#SBATCH --time=10:00", lines);
        Assert.Contains("#SBATCH --qos=short", lines);
        Assert.Contains("module load dotnet", lines);
        Assert.Contains($"#SBATCH --output={output}/runs/%a/slurm-%A_%a.log", lines);
        var exec = Assert.Single(lines, l => l.StartsWith("exec ", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "qgan.dll"), exec);
        Assert.EndsWith($" sweep run-one --config {output}/sweep.json --index \"$index\" --out {output} --threads \"${{SLURM_CPUS_PER_TASK:-1}}\"", exec);
        Assert.Contains($"# submit with: sbatch --parsable {output}/slurm/submit-1.sh", lines);
        Assert.False(Directory.Exists(output), "a dry run must not create the sweep directory");
    }

    [Fact]
    public void Dry_run_of_a_started_sweep_leaves_out_the_finished_runs()
    {
        using var ws = new SweepWorkspace(60);
        var config = ws.Config("sweep.json", FourRuns);
        var output = ws.Combine("out");
        var one = QganProcess.Run("sweep", "run-one", "--config", config, "--index", "1", "--out", output);
        Assert.True(one.ExitCode == 0, one.StdErr);
        var dry = QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.StdErr);
        Assert.Contains("#SBATCH --array=0,2-3", dry.StdOut.Split('\n'));
        Assert.Contains("3 run(s)", dry.StdOut);
        Assert.False(Directory.Exists(Path.Combine(output, "slurm")));

        // Status of a sweep never submitted: one finished run, three not submitted (no Slurm needed).
        var status = QganProcess.Run("sweep", "status", "--out", output, "--json");
        Assert.True(status.ExitCode == 0, status.StdErr);
        var states = SlurmStatus.Parse(status.StdOut);
        Assert.Equal(["not-submitted", "finished", "not-submitted", "not-submitted"], states.Select(s => s.State));

        var resubmit = QganProcess.Run("sweep", "resubmit", "--out", output, "--dry-run");
        Assert.Equal(2, resubmit.ExitCode);
        Assert.Contains("was never submitted to Slurm", resubmit.StdErr);
    }

    [Fact]
    public void Missing_sbatch_is_a_clear_error_and_nothing_is_written()
    {
        using var ws = new SweepWorkspace(60);
        var config = ws.Config("sweep.json", FourRuns);
        var output = ws.Combine("out");
        var empty = ws.Combine("no-slurm");
        Directory.CreateDirectory(empty);
        var result = SlurmProcess.Run(new Dictionary<string, string> { ["PATH"] = empty }, "sweep", "--executor", "slurm", "--config", config, "--out", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: sbatch not found on PATH", result.StdErr);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("--partition", "cpu")]
    [InlineData("--max-concurrent", "3")]
    [InlineData("--dry-run", null)]
    public void Slurm_flags_with_the_local_executor_are_refused(string flag, string? value)
    {
        using var ws = new SweepWorkspace(60);
        var config = ws.Config("sweep.json", FourRuns);
        var output = ws.Combine("out");
        string[] args = value is null ? ["sweep", "--config", config, "--out", output, flag] : ["sweep", "--config", config, "--out", output, flag, value];
        var result = QganProcess.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{flag} only apply with --executor slurm", result.StdErr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Bad_slurm_values_exit_2_before_anything_is_written()
    {
        using var ws = new SweepWorkspace(60);
        var config = ws.Config("sweep.json", FourRuns);
        var output = ws.Combine("out");
        var result = QganProcess.Run("sweep", "--executor", "slurm", "--config", config, "--out", output, "--time", "2 hours");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--time '2 hours' is not a Slurm time limit", result.StdErr);
        var executor = QganProcess.Run("sweep", "--executor", "kubernetes", "--config", config, "--out", output);
        Assert.NotEqual(0, executor.ExitCode);
        Assert.False(Directory.Exists(output));
    }
}
