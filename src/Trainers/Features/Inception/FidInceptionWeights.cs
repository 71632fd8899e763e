using QGan.MLNet.Trainers.PyTorch;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Features.Inception;

/// <summary>
/// Loads a state dict into a <see cref="FidInceptionV3"/> strictly, as <c>load_state_dict(strict=True)</c> does: the
/// keys must be exactly the model's, every shape must match, floating-point weights must be finite, and any
/// difference is refused with an error naming the source and the key (nothing is copied until everything fits).
/// </summary>
public static class FidInceptionWeights
{
    private const int NamesShown = 5;

    /// <summary>Copies <paramref name="weights"/> into <paramref name="model"/>; <paramref name="source"/> names the file in errors.</summary>
    public static void Load(FidInceptionV3 model, IReadOnlyDictionary<string, TorchTensorData> weights, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(weights);
        var targets = model.state_dict();
        var missing = targets.Keys.Where(k => !weights.ContainsKey(k)).ToList();
        var unexpected = weights.Keys.Where(k => !targets.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add($"missing key{(missing.Count > 1 ? "s" : "")} {Names(missing)}");
            }
            if (unexpected.Count > 0)
            {
                parts.Add($"unexpected key{(unexpected.Count > 1 ? "s" : "")} {Names(unexpected)}");
            }
            throw new InvalidDataException(
                $"{source}: not the state dict of pytorch-fid's FID Inception-v3 ({targets.Count} keys): {string.Join("; ", parts)}.{Hint(unexpected)}");
        }

        foreach (var (key, target) in targets)
        {
            var data = weights[key];
            if (!data.Shape.SequenceEqual(target.shape))
            {
                throw new InvalidDataException(
                    $"{source}: '{key}' has shape {data.ShapeText} but the FID Inception-v3 needs [{string.Join(", ", target.shape)}].");
            }
            var floating = target.is_floating_point();
            if (floating != data.DType.IsFloatingPoint())
            {
                throw new InvalidDataException(
                    $"{source}: '{key}' holds {data.DType.TorchName()} values but the FID Inception-v3 needs {(floating ? "floating-point" : "integer")} ones.");
            }
        }

        // Values are checked while they are copied; a failure leaves the model half-loaded, which the caller discards.
        using var noGrad = no_grad();
        foreach (var (key, target) in targets)
        {
            var data = weights[key];
            if (data.DType.IsFloatingPoint())
            {
                var values = data.ToSingleArray();
                if (values.Any(v => !float.IsFinite(v)))
                {
                    throw new InvalidDataException($"{source}: '{key}' contains NaN or infinite values.");
                }
                using var loaded = tensor(values, target.shape);
                target.copy_(loaded);
            }
            else
            {
                using var loaded = tensor(data.ToInt64Array(), target.shape);
                target.copy_(loaded);
            }
        }
    }

    private static string Names(IReadOnlyList<string> keys) =>
        string.Join(", ", keys.Take(NamesShown).Select(k => $"'{k}'")) + (keys.Count > NamesShown ? $" and {keys.Count - NamesShown} more" : "");

    private static string Hint(IReadOnlyList<string> unexpected)
    {
        if (unexpected.Any(k => k.StartsWith("module.", StringComparison.Ordinal)))
        {
            return " The keys start with 'module.' (a DataParallel wrapper): save model.module.state_dict().";
        }
        if (unexpected.Any(k => k.StartsWith("blocks.", StringComparison.Ordinal)))
        {
            return " The keys are those of pytorch-fid's InceptionV3 wrapper (blocks.N...); import the Inception weights file itself (pt_inception-2015-12-05-6726825d.pth).";
        }
        if (unexpected.Any(k => k.StartsWith("AuxLogits.", StringComparison.Ordinal)))
        {
            return " The keys include AuxLogits: these are torchvision's ImageNet Inception-v3 weights, not the FID Inception's.";
        }
        return "";
    }
}
