using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using QGan.MLNet.Cli.Commands;
using QGan.MLNet.Experiments.Analysis;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Execution;
using QGan.MLNet.Experiments.Hardware;
using QGan.MLNet.Experiments.Report;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Quantum.Noise;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Data;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Hardware;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data.Synthetic;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.IO;
using Spectre.Console;

namespace QGan.MLNet.Cli.Demo;

/// <summary>
/// The end-to-end demonstration: data -&gt; autoencoder -&gt; latents -&gt; a capacity study of quantum and classical
/// WGAN-GPs (the <c>qgan sweep</c> code path: worker processes, resumable; its post-pass measures the noise floor,
/// the best cells' pixel FID and samples every quantum depth's best run like hardware against shots) -&gt; OpenQASM
/// export -&gt; report -&gt; summary. Every stage is idempotent, so a killed demo rerun with the same flags continues where
/// it stopped (finished sweep runs and post-pass files are kept, unfinished runs resume from their checkpoints).
/// </summary>
internal sealed class DemoPipeline(DemoSettings settings)
{
    private readonly List<DemoStageTiming> _timings = [];
    private readonly Stopwatch _total = Stopwatch.StartNew();

    public DemoLayout Layout { get; } = new(Path.GetFullPath(settings.Out));

    public int Run()
    {
        settings.Validate();
        // Every input is resolved and checked before anything is written.
        var aeSource = settings.TrainAutoencoder ? null
            : settings.Autoencoder ?? DemoAssets.Find(DemoAssets.Autoencoder)
              ?? throw new FileNotFoundException($"the shipped autoencoder {DemoAssets.Autoencoder} was not found; pass --autoencoder DIR or --train-autoencoder");
        var noiseModel = settings.NoiseModel is null ? null : NoiseModelJson.Load(settings.NoiseModel);
        if (noiseModel is not null && noiseModel.QubitCount != settings.Qubits && settings.Layers.Count > 0)
        {
            throw new ArgumentException($"noise model {settings.NoiseModel} describes {noiseModel.QubitCount} qubits, the demo uses {settings.Qubits}");
        }
        if (settings.Data is not null && !File.Exists(settings.Data) && !Directory.Exists(settings.Data))
        {
            throw new FileNotFoundException($"--data {settings.Data} does not exist", settings.Data);
        }
        var ml = new MLContext(seed: 0);

        AnsiConsole.MarkupLine($"[bold]qgan demo[/] -> {Markup.Escape(Layout.Directory)}");
        var images = Stage("data", () => LoadData(ml));
        var (ae, aeDir) = Stage("autoencoder", () => Autoencoder(ml, aeSource, images));
        if (settings.Layers.Count > 0 && ae.Encoder.LatentSize != 2 * settings.Qubits)
        {
            throw new ArgumentException(
                $"the autoencoder has {ae.Encoder.LatentSize} latent dimensions, the quantum generator with {settings.Qubits} qubits reads out 2 x {settings.Qubits} = {2 * settings.Qubits} (ZX); use --qubits {ae.Encoder.LatentSize / 2}");
        }
        var latents = Stage("encode", () => Encode(ae, images));
        var (layout, config, summary) = Stage("gan sweep", () => RunSweep(aeDir));
        var qasm = settings.Layers.Count == 0 ? null : Stage("qasm export", () => ExportQasm(layout, config));
        var report = Stage("report", () => Report(layout));
        var shots = File.Exists(layout.ShotsPath) ? ShotStudyFile.Load(layout.ShotsPath) : null;
        var summaryPath = Stage("summary", () => DemoSummary.Write(Layout, settings, summary, shots, qasm, report, _timings, _total.Elapsed.TotalSeconds));

        var table = new Table().Border(TableBorder.Rounded).AddColumn("stage").AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var t in _timings)
        {
            table.AddRow(t.Stage, t.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        }
        table.AddRow("[bold]total[/]", _total.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[bold green]report:[/] {Markup.Escape(report)}");
        AnsiConsole.MarkupLine($"[bold green]summary:[/] {Markup.Escape(summaryPath)}");
        return 0;
    }

    private T Stage<T>(string name, Func<T> body)
    {
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(name)}[/]").LeftJustified());
        var watch = Stopwatch.StartNew();
        var result = body();
        _timings.Add(new DemoStageTiming(name, Math.Round(watch.Elapsed.TotalSeconds, 2)));
        return result;
    }

    private IDataView LoadData(MLContext ml)
    {
        if (settings.Data is string path)
        {
            var view = ml.QGan().Data.LoadSat4(path, Sat4Schema.TrainSplit);
            AnsiConsole.MarkupLine($"SAT-4 data {Markup.Escape(path)}: train split, {view.GetRowCount()} patches");
            return view;
        }
        var split = Sat4SyntheticGenerator.Generate(settings.Synthetic, SweepRunExecutor.SyntheticDataSeed);
        AnsiConsole.MarkupLine($"[bold]Synthetic SAT-4-like data[/] (not satellite imagery): {settings.Synthetic} patches, seed 1");
        AnsiConsole.Write(DemoCommand.SummaryTable(split));
        return new Sat4DataView(split);
    }

    private (AutoencoderTransformer Transformer, string Directory) Autoencoder(MLContext ml, string? source, IDataView images)
    {
        if (source is not null)
        {
            AnsiConsole.MarkupLine($"autoencoder {Markup.Escape(source)}");
            return (AutoencoderTransformer.Load(ml, source), source);
        }
        var dir = Layout.Autoencoder;
        if (File.Exists(Path.Combine(dir, AutoencoderModelInfo.FileName)))
        {
            AnsiConsole.MarkupLine($"autoencoder trained by an earlier run: {Markup.Escape(dir)}");
            return (AutoencoderTransformer.Load(ml, dir), dir);
        }
        var options = new AutoencoderOptions
        {
            Architecture = AutoencoderArchitecture.Compact,
            Training = new AutoencoderTrainingOptions { Epochs = settings.AutoencoderEpochs, Seed = 1, EarlyStoppingPatience = 0 },
            DataDescription = settings.Data ?? $"synthetic SAT-4-like data ({settings.Synthetic} patches, seed 1)",
        };
        AutoencoderTransformer? trained = null;
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training the autoencoder", maxValue: settings.AutoencoderEpochs);
                trained = ml.QGan().Trainers.Autoencoder(options with
                {
                    Progress = new Reporter<AutoencoderProgress>(p =>
                    {
                        task.Value = p.Epoch;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"autoencoder epoch {p.Epoch}: validation MSE {p.EpochMetrics?.ValidationMse:G4}");
                    }),
                }).Fit(images);
                task.Value = settings.AutoencoderEpochs;
            });
        AtomicDirectory.Create(dir, overwrite: true, trained!.Save);
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(dir)}");
        return (trained, dir);
    }

    private LatentDataSet Encode(AutoencoderTransformer ae, IDataView images)
    {
        var latents = LatentSources.Encode(ae, images, settings.Data ?? $"synthetic({settings.Synthetic})");
        var csv = NoiseVectors.LatentsCsv(Enumerable.Range(0, latents.Rows).Select(r => latents.Row(r).ToArray().Select(v => (double)v).ToArray()).ToList());
        // Rewritten only when different, so a resumed sweep never sees its training file change underneath.
        if (!File.Exists(Layout.Latents) || File.ReadAllText(Layout.Latents) != csv)
        {
            AtomicFile.WriteAllText(Layout.Latents, csv);
        }
        AnsiConsole.MarkupLine($"{latents.Rows} latents of width {latents.Width} -> {Markup.Escape(Layout.Latents)}");
        return latents;
    }

    private (SweepLayout Layout, SweepConfig Config, SweepSummary Summary) RunSweep(string autoencoderDirectory)
    {
        var json = settings.SweepConfigJson(autoencoderDirectory);
        var config = SweepConfigParser.Parse(json, Layout.SweepConfig, Layout.Directory);
        SweepLayout layout;
        try
        {
            layout = SweepDirectory.Prepare(config, Layout.Sweep);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{ex.Message}. The demo in {Layout.Directory} was started with other flags: rerun with the same flags to resume, or use another --out", ex);
        }
        AtomicFile.WriteAllText(Layout.SweepConfig, json);
        int runs = config.RunCount;
        AnsiConsole.MarkupLine($"{runs} WGAN-GP runs: {config.GeneratorGrid().Count} generators ({string.Join(", ", config.GeneratorGrid().Select(g => g.Label))}) x {config.Critic.Widths.Count} critic widths x {config.Seeds.Count} seeds, {settings.Iterations} iterations each, {settings.Workers} workers");
        LocalSweepExecutor.Outcome? outcome = null;
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("runs", maxValue: runs);
                outcome = new LocalSweepExecutor(layout, config, settings.Workers, 1).Run((done, running, failed, total) =>
                {
                    task.Value = done;
                    task.Description = $"GAN runs: {done}/{total} done, {running} running{(failed > 0 ? $", {failed} failed" : "")}";
                });
            });
        if (outcome!.Failures.Count > 0)
        {
            var (index, error) = outcome.Failures[0];
            throw new InvalidOperationException($"{outcome.Failures.Count} sweep run(s) failed, e.g. run {index}: {error} (see {layout.LogPath(index)}); rerun the demo to retry them");
        }
        SweepCollectCommand.PostPass(config, layout);
        var summary = SweepCollector.Collect(layout);
        SweepCollectCommand.Print(summary, layout, wroteRunsCsv: true);
        return (layout, config, summary);
    }

    /// <summary>The quantum run with the lowest FID (the best generator is what one would put on hardware).</summary>
    private static SweepRunRow BestQuantumRun(SweepConfig config, SweepLayout layout)
    {
        var rows = SweepCollector.Rows(config, layout).Where(r => r.GeneratorKind == "quantum").ToList();
        return rows.Where(r => r.Fid is not null).OrderBy(r => r.Fid).FirstOrDefault()
            ?? rows.FirstOrDefault()
            ?? throw new InvalidOperationException("the sweep has no finished quantum run");
    }

    private string ExportQasm(SweepLayout layout, SweepConfig config)
    {
        var best = BestQuantumRun(config, layout);
        var generator = QuantumGeneratorCircuits.Load(layout.RunDirectory(best.Index));
        var manifest = QasmBundle.Export(generator, Layout.Qasm, count: 4, seed: 0, overwrite: true);
        AnsiConsole.MarkupLine($"{manifest.Circuits.Count} OpenQASM 3 circuits of run {best.Index} -> {Markup.Escape(Layout.Qasm)} (submit them, then qgan import-counts)");
        return Layout.Qasm;
    }

    /// <summary>The HTML report of the sweep (what <c>qgan report</c> writes), which also shows the hardware results.</summary>
    private string Report(SweepLayout layout) => StudyReport.Write(layout.Directory, Layout.Report).IndexPath;

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>Where the demo writes (all under <c>--out</c>).</summary>
internal sealed record DemoLayout(string Directory)
{
    public string Autoencoder => Path.Combine(Directory, "autoencoder");

    public string Latents => Path.Combine(Directory, "latents.csv");

    public string SweepConfig => Path.Combine(Directory, "sweep-config.json");

    public string Sweep => Path.Combine(Directory, "sweep");

    public string Qasm => Path.Combine(Directory, "qasm");

    public string Report => Path.Combine(Directory, "report");

    public string Summary => Path.Combine(Directory, "summary.md");

    public string Json => Path.Combine(Directory, "demo.json");
}

internal sealed record DemoStageTiming(string Stage, double Seconds);

