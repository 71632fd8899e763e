using System.IO.Compression;
using System.Text;
using QGan.MLNet.Tests.Shared;
using QGan.MLNet.Tests.Shared.Inception;
using QGan.MLNet.Transforms.Csv;

namespace QGan.MLNet.Cli.Tests;

/// <summary>
/// <c>qgan features import-inception</c> end to end: the legacy-format fixture weights become a model whose
/// features through <c>qgan eval features --preset inception</c> are pytorch-fid's, and weights that do not fit exit
/// with code 2 and write nothing.
/// </summary>
public sealed class FeaturesImportInceptionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-import-inception-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Imported_legacy_weights_give_pytorch_fids_features_of_the_sat4_probe_through_eval_features()
    {
        var model = Path.Combine(_dir, "inception-fid.onnx");
        var import = QganProcess.Run("features", "import-inception", "--weights", InceptionReference.LegacyWeights, "--out", model);
        Assert.True(import.ExitCode == 0, import.StdErr);
        Assert.Contains("torch.save legacy format, gzipped, 566 tensors", import.StdOut);
        Assert.Contains("-> pool3", import.StdOut);

        var features = Path.Combine(_dir, "features.csv");
        var eval = QganProcess.Run("eval", "features", "--preset", "inception", "--model", model,
            "--images", InceptionReference.SatProbe, "--out", features, "--batch", "4");
        Assert.True(eval.ExitCode == 0, eval.StdErr);

        var rows = NumericCsv.ReadRows(features).ToArray();
        var expected = InceptionReference.SatPool3;
        Assert.Equal(expected.Length, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            InceptionReference.AssertClose(expected[i], rows[i].Select(v => (float)v).ToArray(), 1e-4, $"pool3 of SAT-4 patch {i}");
        }
    }

    [Fact]
    public void A_foreign_file_is_refused_with_exit_code_2_and_no_output()
    {
        var model = Path.Combine(_dir, "inception-fid.onnx");
        var foreign = Fixtures.Path("onnx", "tiny-features.onnx");

        var result = QganProcess.Run("features", "import-inception", "--weights", foreign, "--out", model);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {foreign}: not a file written by torch.save", result.StdErr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_state_dict_with_a_renamed_key_is_refused_naming_both_keys_and_an_existing_output_stays()
    {
        // The zip fixture, un-gzipped, with one key renamed in data.pkl (same length, so the pickle stays valid).
        var weights = Path.Combine(_dir, "renamed.pth");
        const string key = "Mixed_6c.branch7x7dbl_4.bn.running_var";
        const string renamed = "Mixed_6c.branch7x7dbl_4.bn.running_vax";
        WriteWithRenamedKey(InceptionReference.ZipWeights, weights, key, renamed);
        var model = Path.Combine(_dir, "inception-fid.onnx");
        File.WriteAllText(model, "previous");

        var result = QganProcess.Run("features", "import-inception", "--weights", weights, "--out", model);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {weights}: not the state dict of pytorch-fid's FID Inception-v3 (566 keys): missing key '{key}'; unexpected key '{renamed}'.", result.StdErr);
        Assert.Equal("previous", File.ReadAllText(model));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void The_output_must_be_an_onnx_file()
    {
        var result = QganProcess.Run("features", "import-inception", "--weights", InceptionReference.ZipWeights, "--out", Path.Combine(_dir, "model.bin"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out must be an .onnx file", result.StdErr);
    }

    private static void WriteWithRenamedKey(string gzipped, string path, string key, string renamed)
    {
        using var archiveBytes = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(gzipped), CompressionMode.Decompress))
        {
            gzip.CopyTo(archiveBytes);
        }
        using (var archive = new ZipArchive(archiveBytes, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.Entries.Single(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
            byte[] pickle;
            using (var stream = entry.Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                pickle = copy.ToArray();
            }
            var at = pickle.AsSpan().IndexOf(Encoding.UTF8.GetBytes(key));
            Assert.True(at > 0, $"'{key}' is not in data.pkl");
            Encoding.UTF8.GetBytes(renamed).CopyTo(pickle, at);
            using (var stream = entry.Open())
            {
                stream.SetLength(0);
                stream.Write(pickle);
            }
        }
        File.WriteAllBytes(path, archiveBytes.ToArray());
    }
}
