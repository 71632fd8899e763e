using System.CommandLine;
using QGan.MLNet.Trainers.Features.Inception;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan features import-inception --weights FILE.pth --out inception-fid.onnx [--blocks]</c>: reads pytorch-fid's
/// FID Inception-v3 state dict as PyTorch saved it (zip or legacy torch.save format, optionally gzipped), checks
/// every key and shape, and writes the ONNX model the <c>inception</c> preset of <c>qgan eval features</c> expects.
/// Weights that do not fit exit with code 2 and write nothing.
/// </summary>
public static class FeaturesImportInceptionCommand
{
    public static Command Create()
    {
        var weights = new Option<string>("--weights")
        {
            Description = "pytorch-fid's weights file (pt_inception-2015-12-05-6726825d.pth) or another state dict of its FID Inception-v3; torch.save zip or legacy format, optionally gzipped.",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "ONNX file to write (image [N,3,299,299] in [-1,1] -> pool3 [N,2048]).", Required = true };
        var blocks = new Option<bool>("--blocks")
        {
            Description = "Also output pytorch-fid's blocks 0-2 (block0 [N,64,73,73], block1 [N,192,35,35], block2 [N,768,17,17]); then pass --output-name pool3 to eval features.",
        };
        var command = new Command("import-inception",
            "Import pytorch-fid's FID Inception-v3 weights (.pth) as the ONNX model of the 'inception' feature preset (FIDs comparable with pytorch-fid).");
        foreach (var option in new Option[] { weights, output, blocks })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var outPath = parse.GetValue(output)!;
            if (!outPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--out must be an .onnx file, got '{outPath}'");
            }
            var result = FidInceptionImporter.Import(parse.GetValue(weights)!, outPath,
                new FidInceptionImportOptions { IncludeBlockOutputs = parse.GetValue(blocks) });
            Console.WriteLine(FormattableString.Invariant(
                $"read {result.WeightsPath}: torch.save {result.Format.ToString().ToLowerInvariant()} format{(result.Gzipped ? ", gzipped" : "")}, {result.KeyCount} tensors, sha256 {result.WeightsSha256}"));
            Console.WriteLine(FormattableString.Invariant(
                $"wrote {result.OutputPath} ({result.OutputBytes / 1e6:F1} MB): image [N,3,299,299] in [-1,1] -> {string.Join(", ", result.Outputs)}"));
            return 0;
        }));
        return command;
    }
}
