using System.CommandLine;
using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Cli.Inputs;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Csv;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Cli.Commands;

/// <summary><c>qgan encode</c>: SAT-4 patches -> latents.csv (one row of latent values per patch, no header).</summary>
public static class EncodeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Autoencoder directory (holding encoder.onnx).", Required = true };
        var data = new Option<string?>("--data") { Description = "SAT-4 data: a .mat file, a Kaggle X_*.csv file or a PNG folder." };
        var synthetic = new Option<int?>("--synthetic") { Description = "Encode N deterministic synthetic patches instead of --data." };
        var dataSeed = new Option<ulong>("--data-seed") { Description = "Seed of the synthetic data generator.", DefaultValueFactory = _ => 1 };
        var split = new Option<string?>("--split") { Description = "Split of --data to encode (default: train, or the only split)." };
        var output = new Option<string>("--out") { Description = "Output CSV of latents.", Required = true };

        var command = new Command("encode", "Encode SAT-4 patches into latent vectors with encoder.onnx (through ML.NET).");
        foreach (var option in new Option[] { model, data, synthetic, dataSeed, split, output })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var encoderPath = Path.Combine(parse.GetValue(model)!, "encoder.onnx");
            var ml = new MLContext(seed: 0);
            var estimator = ml.QGan().Transforms.EncodeLatent(encoderPath);
            var loaded = Sat4Inputs.Load(parse.GetValue(data), parse.GetValue(synthetic), parse.GetValue(dataSeed), parse.GetValue(split));
            var view = loaded.Split.ToDataView(ml);
            var latents = estimator.Fit(view).Transform(view).GetColumn<float[]>("Latent");
            var outPath = parse.GetValue(output)!;
            var count = 0;
            NumericCsv.Write(outPath, latents.Select(l => { count++; return l; }));
            Console.WriteLine($"encoded {count} patches of {loaded.Description} into {outPath} ({estimator.Model.LatentSize} values per row)");
            return 0;
        }));
        return command;
    }
}
