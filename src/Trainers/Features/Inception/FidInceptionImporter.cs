using System.Globalization;
using System.Security.Cryptography;
using QGan.MLNet.Trainers.PyTorch;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Trainers.Features.Inception;

/// <summary>Options of <see cref="FidInceptionImporter.Import"/>.</summary>
public sealed record FidInceptionImportOptions
{
    /// <summary>
    /// Also publish pytorch-fid's output blocks 0-2 as the graph outputs <c>block0</c>, <c>block1</c>, <c>block2</c>
    /// (default false: the model has the single output <c>pool3</c>, which the <c>inception</c> preset uses without
    /// naming it; with blocks, name it: <c>--output-name pool3</c>).
    /// </summary>
    public bool IncludeBlockOutputs { get; init; }
}

/// <summary>What <see cref="FidInceptionImporter.Import"/> read and wrote.</summary>
public sealed record FidInceptionImportResult(
    string WeightsPath,
    string WeightsSha256,
    TorchSaveFormat Format,
    bool Gzipped,
    int KeyCount,
    long ParameterCount,
    string OutputPath,
    IReadOnlyList<string> Outputs,
    long OutputBytes);

/// <summary>
/// Turns pytorch-fid's published weights file (<c>pt_inception-2015-12-05-6726825d.pth</c>, or any state dict of the
/// same architecture) into an ONNX model for the <c>inception</c> feature preset, without Python: the state dict is
/// read from the <c>.pth</c> file as PyTorch wrote it (<see cref="TorchStateDict"/>), loaded strictly into
/// <see cref="FidInceptionV3"/> and exported by <see cref="FidInceptionOnnx"/>. The output is written atomically:
/// weights that do not fit leave no file behind.
/// </summary>
public static class FidInceptionImporter
{
    /// <summary>Builds the FID Inception-v3 with the weights of <paramref name="weightsPath"/> (the caller disposes it).</summary>
    public static FidInceptionV3 LoadModel(string weightsPath) => LoadModel(TorchStateDict.Load(weightsPath));

    /// <summary>Builds the FID Inception-v3 with the weights of a state dict read earlier (the caller disposes it).</summary>
    public static FidInceptionV3 LoadModel(TorchStateDict weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var model = new FidInceptionV3();
        try
        {
            FidInceptionWeights.Load(model, weights, weights.Source);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Reads <paramref name="weightsPath"/>, checks it against the architecture and writes the ONNX model to <paramref name="outputPath"/>.</summary>
    public static FidInceptionImportResult Import(string weightsPath, string outputPath, FidInceptionImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        options ??= new FidInceptionImportOptions();
        var weights = TorchStateDict.Load(weightsPath);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weightsPath)));
        using var model = LoadModel(weights);
        var bytes = FidInceptionOnnx.Export(model, options.IncludeBlockOutputs, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["weights_file"] = Path.GetFileName(weightsPath),
            ["weights_sha256"] = sha256,
            ["weights_format"] = $"torch.save {weights.Format.ToString().ToLowerInvariant()}{(weights.Gzipped ? ", gzip" : "")}",
            ["weights_keys"] = weights.Count.ToString(CultureInfo.InvariantCulture),
        });
        AtomicFile.WriteAllBytes(outputPath, bytes);
        return new FidInceptionImportResult(
            weightsPath, sha256, weights.Format, weights.Gzipped, weights.Count,
            model.parameters().Sum(p => p.numel()), outputPath,
            options.IncludeBlockOutputs ? [FidInceptionOnnx.OutputName, .. FidInceptionOnnx.BlockOutputNames] : [FidInceptionOnnx.OutputName],
            bytes.LongLength);
    }
}
