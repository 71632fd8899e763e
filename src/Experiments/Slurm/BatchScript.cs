using System.Globalization;
using System.Text;
using QGan.MLNet.Experiments.Runs;

namespace QGan.MLNet.Experiments.Slurm;

/// <summary>
/// The sbatch script of one array submission. The array task id IS the run index (<c>--array=3,5,7-9%K</c>), so
/// Slurm's <c>%a</c> names the run folder of each task's log and <c>scancel JOB_I</c> cancels run I.
/// </summary>
public static class BatchScript
{
    /// <summary>Log file pattern of array task I: <c>DIR/runs/I/slurm-JOB_I.log</c> (appended to across requeues).</summary>
    public static string LogPattern(SweepLayout layout) => Path.Combine(layout.Directory, "runs", "%a", "slurm-%A_%a.log");

    public static string Render(SweepLayout layout, SlurmSubmitOptions options, IReadOnlyCollection<int> runs, string launcher, int submission)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"# qgan sweep, Slurm submission {submission}: {runs.Count} run(s) of {layout.Directory}\n");
        text.Append("# One array task per run; the array task id is the run index (docs/slurm.md).\n");
        foreach (var directive in options.ResourceDirectives())
        {
            text.Append("#SBATCH ").Append(directive).Append('\n');
        }
        text.Append("#SBATCH --array=").Append(ArrayRanges.Format(runs, options.MaxConcurrent)).Append('\n');
        // Requeued (preempted, node failure) tasks start again and resume from their checkpoints.
        text.Append("#SBATCH --requeue\n");
        text.Append("#SBATCH --open-mode=append\n");
        text.Append("#SBATCH --output=").Append(Directive(LogPattern(layout))).Append('\n');
        text.Append("set -eo pipefail\n");
        foreach (var line in options.Setup)
        {
            text.Append(line).Append('\n');
        }
        // Only now: module scripts often read unset variables.
        text.Append("set -u\n");
        text.Append("index=\"${SLURM_ARRAY_TASK_ID:?this script runs as a Slurm array task}\"\n");
        // The local executor runs workers the same way: MKL conditional reproducibility keeps a seed's run
        // bit-identical whether it ran in one piece or resumed from a checkpoint.
        text.Append("export MKL_CBWR=\"${MKL_CBWR:-AUTO}\"\n");
        // ... and one JIT code version per method (no tiered compilation), as in the local executor's workers.
        text.Append("export DOTNET_TieredCompilation=\"${DOTNET_TieredCompilation:-0}\"\n");
        text.Append("echo \"qgan sweep run $index: job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname), attempt $(( ${SLURM_RESTART_COUNT:-0} + 1 )), $(date -u +%FT%TZ)\"\n");
        text.Append("exec ").Append(launcher)
            .Append(" sweep run-one --config ").Append(ShellQuote.Quote(layout.ConfigPath))
            .Append(" --index \"$index\" --out ").Append(ShellQuote.Quote(layout.Directory))
            .Append(" --threads \"${SLURM_CPUS_PER_TASK:-1}\"\n");
        return text.ToString();
    }

    /// <summary>sbatch reads #SBATCH values like a shell word: quote only when needed.</summary>
    private static string Directive(string value) =>
        value.Any(char.IsWhiteSpace) ? "\"" + value + "\"" : value;
}
