using QGan.MLNet.Trainers.Gan.Training;
using System.CommandLine;
using System.Globalization;
using QGan.MLNet.Cli.Demo;
using QGan.MLNet.Transforms.Data;
using Spectre.Console;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan demo</c>: the end-to-end demonstration (docs/demo.md). Synthetic SAT-4-like data (or <c>--data</c>) -&gt;
/// autoencoder -&gt; quantum GANs at a few layer counts and classical GANs at a few widths over a small critic grid
/// (the <c>qgan sweep</c> code path) -&gt; hardware-like sampling of the best quantum generator -&gt; OpenQASM export -&gt;
/// summary, everything under <c>--out</c>. A killed demo rerun with the same flags resumes.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var d = new DemoSettings();
        var output = new Option<string>("--out") { Description = "Output folder.", DefaultValueFactory = _ => d.Out };
        var quick = new Option<bool>("--quick") { Description = "Smallest configuration (one quantum and one classical run, 6 iterations): a first look in well under a minute." };
        var data = new Option<string?>("--data") { Description = "Real SAT-4 data (MAT, Kaggle CSV or PNG folder; train split) instead of synthetic patches." };
        var synthetic = new Option<int?>("--synthetic") { Description = $"Synthetic patches (default {d.Synthetic}; 200 with --quick)." };
        var autoencoder = new Option<string?>("--autoencoder") { Description = "Autoencoder directory (default: the shipped models/sat4-synthetic)." };
        var trainAe = new Option<bool>("--train-autoencoder") { Description = "Train a compact autoencoder on the demo data instead of using the shipped one." };
        var aeEpochs = new Option<int?>("--ae-epochs") { Description = "Epochs of --train-autoencoder (default 3)." };
        var qubits = new Option<int?>("--qubits") { Description = "Qubits of the quantum generator (2 x qubits = latent width; default 12)." };
        var layers = new Option<string?>("--layers") { Description = $"Quantum layer counts, e.g. 1,2,4,8 (default {string.Join(",", d.Layers)}; 'none' for classical only)." };
        var widths = new Option<string?>("--widths") { Description = $"Classical generator hidden widths (2 hidden layers), e.g. 1,2,4,8,16,32,64 (default {string.Join(",", d.Widths)}; 'none' for quantum only)." };
        var criticWidths = new Option<string?>("--critic-widths") { Description = $"Critic hidden widths (2 hidden layers) (default {string.Join(",", d.CriticWidths)})." };
        var seeds = new Option<string?>("--seeds") { Description = $"Seeds, e.g. 1,2,3 (default {string.Join(",", d.Seeds)})." };
        var iterations = new Option<int?>("--iterations") { Description = $"Maximum generator iterations per run (default {d.Iterations}; early stopping ends most runs sooner)." };
        var patience = new Option<int?>("--early-stop-patience") { Description = $"Evaluations without a 1 % relative improvement of the validation FID before a run stops (default {d.EarlyStopPatience}; 0: no early stopping)." };
        var batch = new Option<int?>("--batch-size") { Description = $"Batch size (default {d.BatchSize})." };
        var workers = new Option<int?>("--workers") { Description = "Concurrent training processes (default: number of cores)." };
        var shots = new Option<string?>("--shots") { Description = $"Shot counts per circuit of the shot study of every quantum depth's best run (default {string.Join(",", d.Shots)})." };
        var noise = new Option<string?>("--noise") { Description = "Device noise model JSON (default: the shipped models/noise/ibm-heron-like.json; 'none' for the ideal device only)." };
        var trajectories = new Option<int?>("--trajectories") { Description = $"Noise trajectories per circuit (default {d.Trajectories})." };
        var lrG = new Option<double?>("--generator-learning-rate") { Description = $"Adam learning rate of the generators of both kinds (default: each kind's, {GanDefaults.Describe(o => o.GeneratorLearningRate)})." };
        lrG.Aliases.Add("--lr-generator");
        var lrC = new Option<double?>("--critic-learning-rate") { Description = $"Adam learning rate of the critics of both kinds (default: each kind's, {GanDefaults.Describe(o => o.CriticLearningRate)})." };
        lrC.Aliases.Add("--lr-critic");
        var command = new Command("demo", "Run the end-to-end demonstration: autoencoder, quantum and classical GANs, capacity sweep, hardware-like sampling, report.");
        foreach (var o in new Option[] { output, quick, data, synthetic, autoencoder, trainAe, aeEpochs, qubits, layers, widths, criticWidths, seeds, iterations, patience, batch, workers, shots, noise, trajectories, lrG, lrC })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var s = new DemoSettings { Out = parse.GetValue(output)! };
            if (parse.GetValue(quick))
            {
                s = DemoSettings.Quick(s);
            }
            var noiseFlag = parse.GetValue(noise);
            s = s with
            {
                Data = parse.GetValue(data),
                Synthetic = parse.GetValue(synthetic) ?? s.Synthetic,
                Autoencoder = parse.GetValue(autoencoder),
                TrainAutoencoder = parse.GetValue(trainAe),
                AutoencoderEpochs = parse.GetValue(aeEpochs) ?? s.AutoencoderEpochs,
                Qubits = parse.GetValue(qubits) ?? s.Qubits,
                Layers = parse.GetValue(layers) is string l ? DemoSettings.ParseList(l, "--layers", allowEmpty: true) : s.Layers,
                Widths = parse.GetValue(widths) is string w ? DemoSettings.ParseList(w, "--widths", allowEmpty: true) : s.Widths,
                CriticWidths = parse.GetValue(criticWidths) is string cw ? DemoSettings.ParseList(cw, "--critic-widths") : s.CriticWidths,
                Seeds = parse.GetValue(seeds) is string sd ? DemoSettings.ParseList(sd, "--seeds") : s.Seeds,
                Iterations = parse.GetValue(iterations) ?? s.Iterations,
                EarlyStopPatience = parse.GetValue(patience) ?? s.EarlyStopPatience,
                BatchSize = parse.GetValue(batch) ?? s.BatchSize,
                Workers = parse.GetValue(workers) ?? s.Workers,
                Shots = parse.GetValue(shots) is string sh ? DemoSettings.ParseList(sh, "--shots") : s.Shots,
                Trajectories = parse.GetValue(trajectories) ?? s.Trajectories,
                GeneratorLearningRate = parse.GetValue(lrG) ?? s.GeneratorLearningRate,
                CriticLearningRate = parse.GetValue(lrC) ?? s.CriticLearningRate,
                NoiseModel = noiseFlag is null ? DemoAssets.Find(DemoAssets.NoiseModel)
                    : noiseFlag.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : noiseFlag,
                FeatureModel = DemoAssets.Find(DemoAssets.FeatureModel),
            };
            if (s.Autoencoder is not null && s.TrainAutoencoder)
            {
                throw new ArgumentException("give either --autoencoder DIR or --train-autoencoder, not both");
            }
            return new DemoPipeline(s).Run();
        }));
        return command;
    }

    /// <summary>One row per class and one for all patches: count and per-band mean ± std (uint8 scale).</summary>
    public static Table SummaryTable(Sat4Split split)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Caption("per-band mean ± std of the uint8 values");
        table.AddColumn("class");
        table.AddColumn(new TableColumn("patches").RightAligned());
        foreach (var band in Sat4Schema.ChannelNames)
        {
            table.AddColumn(new TableColumn(band).RightAligned());
        }
        for (var k = 0; k < Sat4Schema.ClassCount; k++)
        {
            AddRow(table, Sat4SplitStatistics.ComputeForClass(split, k));
        }
        AddRow(table, split.ComputeStatistics() with { Name = "all" });
        return table;
    }

    private static void AddRow(Table table, Sat4SplitStatistics stats)
    {
        var cells = new List<string> { Markup.Escape(stats.Name), stats.Count.ToString(CultureInfo.InvariantCulture) };
        for (var c = 0; c < Sat4Schema.Channels; c++)
        {
            cells.Add(stats.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{stats.ChannelMeans[c]:F1}±{stats.ChannelStdDevs[c]:F1}"));
        }
        table.AddRow(cells.ToArray());
    }
}
