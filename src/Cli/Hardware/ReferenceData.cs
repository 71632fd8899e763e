using System.CommandLine;
using Microsoft.ML;
using QGan.MLNet.Trainers.Autoencoder;
using QGan.MLNet.Trainers.Gan.Data;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Gan.Training;
using QGan.MLNet.Trainers.Hardware;
using QGan.MLNet.Transforms.Catalog;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Cli.Hardware;

/// <summary>
/// The flags shared by <c>hardware-sim</c> and <c>import-counts</c> that say what to compare measured latents with:
/// real data (<c>--data</c> / <c>--synthetic</c> encoded by <c>--autoencoder</c>, or <c>--latents</c>) and which decoder
/// gives the pixel-space metrics (<c>--autoencoder</c>, else the decoder saved with the generator).
/// </summary>
internal sealed class ReferenceData
{
    public readonly Option<string?> Autoencoder = new("--autoencoder") { Description = "Autoencoder directory: encodes --data/--synthetic and decodes for the pixel metrics (default decoder: the one saved with the generator)." };
    public readonly Option<string?> Data = new("--data") { Description = "Real SAT-4 data to compare with (MAT, Kaggle CSV or PNG folder; its test split, or its only split)." };
    public readonly Option<int?> Synthetic = new("--synthetic") { Description = "Compare with N patches of the built-in synthetic SAT-4-like data." };
    public readonly Option<string?> Latents = new("--latents") { Description = "Compare with pre-encoded latents (header-less CSV)." };
    public readonly Option<int> Rows = new("--reference-rows") { Description = "Use at most this many data rows (seeded subset).", DefaultValueFactory = _ => 1000 };
    public readonly Option<bool> PixelFid = new("--pixel-fid") { Description = "Also the pixel-space FID of decoded images (slow: 3136-d covariance)." };

    /// <summary>The test split when the source has one (data the generator was not trained on), else its only split.</summary>
    private static IDataView TestSplitOrOnly(MLContext ml, string path)
    {
        try
        {
            return ml.QGan().Data.LoadSat4(path, Sat4Schema.TestSplit);
        }
        catch (KeyNotFoundException)
        {
            return ml.QGan().Data.LoadSat4(path);
        }
    }

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Autoencoder, Data, Synthetic, Latents, Rows, PixelFid })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Loads the decoder and the data (null when no data flag is given); every input is checked here, before any output.</summary>
    public (ILatentDecoder? Decoder, LatentDataSet? Data) Load(ParseResult parse, MLContext ml, QuantumGeneratorCircuits generator)
    {
        var aeDir = parse.GetValue(Autoencoder);
        var data = parse.GetValue(Data);
        var synthetic = parse.GetValue(Synthetic);
        var latents = parse.GetValue(Latents);
        int sources = (data is null ? 0 : 1) + (synthetic is null ? 0 : 1) + (latents is null ? 0 : 1);
        if (sources > 1)
        {
            throw new ArgumentException("give at most one of --data PATH, --synthetic N or --latents CSV");
        }
        int maxRows = parse.GetValue(Rows);
        if (maxRows < 2)
        {
            throw new ArgumentException($"--reference-rows must be >= 2, got {maxRows}");
        }
        var ae = aeDir is null ? null : AutoencoderTransformer.Load(ml, aeDir);
        ILatentDecoder? decoder = ae is not null ? new OnnxLatentDecoder(ml, ae.Decoder)
            : generator.DecoderPath is string path ? new OnnxLatentDecoder(ml, LatentOnnxModel.Load(path, LatentModelKind.Decoder))
            : null;
        if (decoder is not null && decoder.LatentDimension != generator.OutputDimension)
        {
            throw new InvalidDataException($"the decoder takes {decoder.LatentDimension} latent values, the generator produces {generator.OutputDimension}");
        }
        if (parse.GetValue(PixelFid) && decoder is null)
        {
            throw new ArgumentException("--pixel-fid needs a decoder: the generator was saved without one; pass --autoencoder DIR");
        }
        LatentDataSet? set = null;
        if (latents is not null)
        {
            set = LatentSources.ReadCsv(latents);
        }
        else if (data is not null || synthetic is not null)
        {
            if (ae is null)
            {
                throw new ArgumentException("--autoencoder DIR is required to encode --data / --synthetic (or pass pre-encoded --latents)");
            }
            if (synthetic is int n && n < 5)
            {
                throw new ArgumentException($"--synthetic must be at least 5 patches, got {n}");
            }
            set = synthetic is int count
                ? LatentSources.Encode(ae, ml.QGan().Data.Synthetic(count, 1UL), $"synthetic({count})")
                : LatentSources.Encode(ae, TestSplitOrOnly(ml, data!), data!);
        }
        if (set is not null && set.Width != generator.OutputDimension)
        {
            throw new InvalidDataException($"{set.Source}: latents have {set.Width} values, the generator produces {generator.OutputDimension}");
        }
        if (set is not null && set.Rows >= maxRows + 2)
        {
            set = LatentSources.SplitHeldOut(set, maxRows, seed: 0).HeldOut;
        }
        return (decoder, set);
    }
}
