using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Benchmarks.Slurm;

/// <summary>
/// What <c>qgan sweep status</c> and a submission cost on a large sweep (N runs, one array): parsing squeue and
/// scontrol output for N tasks, compressing N unfinished indices into the --array expression, and classifying all
/// N runs from their folders (a quarter finished) and the queue snapshot. The sbatch/squeue round trips themselves
/// are the cluster's. Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*SlurmStatus*'</c>
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class SlurmStatusBenchmarks
{
    private string _squeue = "";
    private string _scontrol = "";
    private int[] _unfinished = [];
    private string _dir = "";
    private SweepLayout _layout = null!;
    private SweepConfig _config = null!;
    private SlurmJobsFile _jobs = null!;
    private SlurmQueue _queue = null!;

    [Params(1000)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var squeue = new StringBuilder();
        var scontrol = new StringBuilder();
        for (int i = 0; i < Runs; i++)
        {
            squeue.Append(CultureInfo.InvariantCulture, $"4711|{i}|{(i % 3 == 0 ? "RUNNING" : "PENDING")}|{(i % 3 == 0 ? "None" : "JobArrayTaskLimit")}\n");
            scontrol.Append(CultureInfo.InvariantCulture,
                $"JobId={5000 + i} ArrayJobId=4711 ArrayTaskId={i} ArrayTaskThrottle=64 JobName=qgan-sweep UserId=alice(1000) GroupId=alice(1000) MCS_label=N/A Priority=4294901759 Nice=0 Account=proj42 QOS=normal JobState={(i % 2 == 0 ? "COMPLETED" : "TIMEOUT")} Reason=None Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:10:00 TimeLimit=02:00:00\n");
        }
        _squeue = squeue.ToString();
        _scontrol = scontrol.ToString();
        _unfinished = Enumerable.Range(0, Runs).Where(i => i % 7 != 3).ToArray();

        _dir = Path.Combine(Path.GetTempPath(), "qgan-bench-slurm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "lat.csv"), string.Join('\n', Enumerable.Repeat(string.Join(',', Enumerable.Repeat("0.1", 24)), 20)));
        var seeds = string.Join(", ", Enumerable.Range(1, Runs));
        _config = SweepConfigParser.Parse(
            $$"""{ "data": { "latents": "lat.csv" }, "heldOut": 5, "generators": { "classical": { "widths": [8] } }, "critic": { "widths": [8] }, "seeds": [{{seeds}}], "training": { "iterations": 10 } }""",
            Path.Combine(_dir, "sweep.json"), _dir);
        _layout = new SweepLayout(Path.Combine(_dir, "out"));
        for (int i = 0; i < Runs; i += 4)
        {
            Directory.CreateDirectory(_layout.RunDirectory(i));
            new SweepRunResult { Index = i, Status = "completed", Iterations = 10 }.Save(_layout.ResultPath(i));
        }
        var all = Enumerable.Range(0, Runs).ToArray();
        _jobs = new SlurmJobsFile().With(new SlurmSubmission
        {
            JobId = "4711", Number = 1, Kind = "submit", SubmittedUtc = DateTime.UtcNow, Array = ArrayRanges.Format(all, 64),
            Runs = all, Script = "submit-1.sh", Command = ["sbatch", "--parsable", "submit-1.sh"],
        });
        _queue = SlurmQueue.FromStates(
            SlurmQueue.ParseSqueue(_squeue).Where(t => t.TaskId % 2 == 1 && t.TaskId % 4 != 0),
            SlurmQueue.ParseScontrol(_scontrol).Where(t => t.TaskId % 2 == 0), "scontrol");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public int ParseSqueue() => SlurmQueue.ParseSqueue(_squeue).Count();

    [Benchmark]
    public int ParseScontrol() => SlurmQueue.ParseScontrol(_scontrol).Count();

    [Benchmark]
    public int FormatArray() => ArrayRanges.Format(_unfinished, 64).Length;

    [Benchmark]
    public int ClassifyRuns() => SlurmRunStatus.Of(_layout, _config, _jobs, _queue).Count(r => r.State == SlurmRunState.Failed);
}
