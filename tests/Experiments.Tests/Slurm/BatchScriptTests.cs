using System.Diagnostics;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Experiments.Tests.Slurm;

/// <summary>The generated batch script, executed by bash as slurmd would run it, with a stand-in for qgan.</summary>
public sealed class BatchScriptTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "qgan-slurm-script-" + Guid.NewGuid().ToString("N"));

    public BatchScriptTests() => Directory.CreateDirectory(root);

    [Fact]
    public void Directives_carry_the_array_throttle_requeue_and_per_run_logs()
    {
        var layout = new SweepLayout(Path.Combine(root, "sweep"));
        var options = new SlurmSubmitOptions { Partition = "cpu", Time = "30:00", MaxConcurrent = 2, ExtraDirectives = ["--qos=long"] };
        var script = BatchScript.Render(layout, options, [9, 3, 5, 7, 8], "qgan", 2);
        var directives = script.Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).Select(l => l[8..]).ToList();
        Assert.Equal(
            ["--job-name=qgan-sweep", "--partition=cpu", "--time=30:00", "--ntasks=1", "--cpus-per-task=1", "--qos=long",
             "--array=3,5,7-9%2", "--requeue", "--open-mode=append", $"--output={layout.Directory}/runs/%a/slurm-%A_%a.log"],
            directives);
        Assert.StartsWith("#!/bin/bash\n", script);
        // sbatch stops reading directives at the first command: every #SBATCH line comes before it.
        var lines = script.Split('\n');
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith("set ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Task_id_becomes_the_run_index_and_paths_with_spaces_and_quotes_survive_the_shell()
    {
        var layout = new SweepLayout(Path.Combine(root, "it's a sweep"));
        var fake = Path.Combine(root, "fake qgan.sh");
        File.WriteAllText(fake, "#!/bin/bash\necho \"setup=$QGAN_SETUP mkl=$MKL_CBWR\"\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var options = new SlurmSubmitOptions { CpusPerTask = 2, Setup = ["export QGAN_SETUP=loaded"] };
        var scriptPath = Path.Combine(root, "submit.sh");
        File.WriteAllText(scriptPath, BatchScript.Render(layout, options, [3, 4], ShellQuote.Quote(fake), 1));

        var (code, stdout, stderr) = Bash(scriptPath, new() { ["SLURM_ARRAY_TASK_ID"] = "4", ["SLURM_ARRAY_JOB_ID"] = "77", ["SLURM_CPUS_PER_TASK"] = "2" });
        Assert.True(code == 0, stderr);
        var output = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("qgan sweep run 4: job 77_4 on ", output[0]);
        Assert.Contains("attempt 1", output[0]);
        Assert.Equal("setup=loaded mkl=AUTO", output[1]);
        Assert.Equal(
            ["[sweep]", "[run-one]", "[--config]", $"[{layout.Directory}/sweep.json]", "[--index]", "[4]", "[--out]", $"[{layout.Directory}]", "[--threads]", "[2]"],
            output[2..]);

        // Outside an array task the script refuses to guess a run.
        var (outside, _, message) = Bash(scriptPath, []);
        Assert.NotEqual(0, outside);
        Assert.Contains("this script runs as a Slurm array task", message);
    }

    [Fact]
    public void Shell_quoting_round_trips_through_bash()
    {
        string[] words = ["plain", "with space", "it's", "$HOME", "a\"b", "back\\slash", "", "*"];
        var scriptPath = Path.Combine(root, "echo.sh");
        File.WriteAllText(scriptPath, "for a in " + ShellQuote.Join(words) + "; do echo \"[$a]\"; done\n");
        var (code, stdout, stderr) = Bash(scriptPath, []);
        Assert.True(code == 0, stderr);
        Assert.Equal(words.Select(w => $"[{w}]"), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("plain", ShellQuote.Quote("plain"));
    }

    private static (int Code, string StdOut, string StdErr) Bash(string script, Dictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.Environment.Remove("SLURM_ARRAY_TASK_ID");
        psi.Environment.Remove("MKL_CBWR");
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
