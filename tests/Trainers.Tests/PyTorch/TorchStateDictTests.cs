using System.IO.Compression;
using QGan.MLNet.Tests.Shared.Inception;
using QGan.MLNet.Trainers.PyTorch;

namespace QGan.MLNet.Trainers.Tests.PyTorch;

/// <summary>
/// Reading torch.save files: both fixture files (written by PyTorch 1.13, zip and legacy format, gzipped) hold the
/// same 566 tensors; hand-made files cover strides, offsets and storage sharing; and corrupted or foreign files are
/// refused with an error naming the file.
/// </summary>
public sealed class TorchStateDictTests
{
    private static readonly Lazy<TorchStateDict> _zip = new(() => TorchStateDict.Load(InceptionReference.ZipWeights));

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void The_zip_and_legacy_fixtures_hold_the_same_tensors()
    {
        var zip = _zip.Value;
        var legacy = TorchStateDict.Load(InceptionReference.LegacyWeights);

        Assert.Equal((TorchSaveFormat.Zip, true), (zip.Format, zip.Gzipped));
        Assert.Equal((TorchSaveFormat.Legacy, true), (legacy.Format, legacy.Gzipped));
        Assert.Equal(566, zip.Count);
        Assert.Equal(zip.Keys, legacy.Keys);
        Assert.Equal("Conv2d_1a_3x3.conv.weight", zip.Keys.First());
        Assert.Equal([32L, 3, 3, 3], zip["Conv2d_1a_3x3.conv.weight"].Shape);
        Assert.Equal([1008L, 2048], zip["fc.weight"].Shape);
        Assert.Equal([384L, 384, 3, 1], zip["Mixed_7c.branch3x3dbl_3b.conv.weight"].Shape);
        Assert.Equal(94, zip.Values.Count(t => t.DType == TorchDType.Int64 && t.Shape.Count == 0));
        Assert.Equal(472, zip.Values.Count(t => t.DType == TorchDType.Float32));
        foreach (var (key, tensor) in zip)
        {
            var other = legacy[key];
            Assert.Equal(tensor.DType, other.DType);
            Assert.Equal(tensor.Shape, other.Shape);
            if (tensor.DType == TorchDType.Float32)
            {
                Assert.True(tensor.ToSingleArray().AsSpan().SequenceEqual(other.ToSingleArray()), key);
            }
            else
            {
                Assert.Equal(tensor.ToInt64Array(), other.ToInt64Array());
            }
        }
        // Sparse but not empty: the weights are the fixture's seeded random values.
        var weights = zip["Mixed_6b.branch7x7_2.conv.weight"].ToSingleArray();
        Assert.Contains(weights, w => w != 0);
    }

    [Fact]
    public void An_uncompressed_file_reads_the_same_as_the_gzipped_one()
    {
        var plain = TorchStateDict.Read(Gunzip(InceptionReference.ZipWeights), "plain.pth");

        Assert.False(plain.Gzipped);
        Assert.Equal(TorchSaveFormat.Zip, plain.Format);
        Assert.Equal(_zip.Value["Mixed_5b.branch_pool.bn.running_var"].ToSingleArray(), plain["Mixed_5b.branch_pool.bn.running_var"].ToSingleArray());
    }

    [Fact]
    public void Strided_offset_and_shared_storages_are_laid_out_contiguously()
    {
        // storage 0 = [0, 1, 2, 3, 4, 5]: 't' is its 2x3 view with strides (1, 2) (a transpose), 'tail' starts at
        // element 4, and 'row' is a second tensor on the same storage.
        var pickle = new PickleWriter().EmptyDict().Mark()
            .Str("t").Tensor("0", 6, 0, [2, 3], [1, 2])
            .Str("tail").Tensor("0", 6, 4, [2], [1])
            .Str("row").Tensor("1", 3, 0, [1, 3], [3, 1])
            .Op((byte)'u').Stop().ToArray();
        var file = PickleWriter.ZipArchive(pickle, new Dictionary<string, byte[]>
        {
            ["0"] = PickleWriter.Floats(0, 1, 2, 3, 4, 5),
            ["1"] = PickleWriter.Floats(7, 8, 9),
        });

        var dict = TorchStateDict.Read(file, "strided.pth");

        Assert.Equal(["t", "tail", "row"], dict.Keys);
        Assert.Equal([2L, 3], dict["t"].Shape);
        Assert.Equal([0f, 2, 4, 1, 3, 5], dict["t"].ToSingleArray());
        Assert.Equal([4f, 5], dict["tail"].ToSingleArray());
        Assert.Equal([7f, 8, 9], dict["row"].ToSingleArray());
    }

    [Fact]
    public void A_truncated_gzip_file_is_refused_naming_it()
    {
        var bytes = File.ReadAllBytes(InceptionReference.ZipWeights);
        var truncated = bytes[..(bytes.Length / 2)];

        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(truncated, "half.pth.gz"));

        Assert.StartsWith("half.pth.gz: ", error.Message);
    }

    [Fact]
    public void A_legacy_file_cut_inside_its_storages_is_refused_as_truncated()
    {
        var bytes = Gunzip(InceptionReference.LegacyWeights);

        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(bytes[..(bytes.Length * 3 / 5)], "cut.pth"));

        Assert.Matches("^cut.pth: the file ends inside storage '[0-9]+'; it is truncated.$", error.Message);
    }

    [Fact]
    public void A_zip_archive_missing_a_storage_is_refused_naming_it()
    {
        var pickle = new PickleWriter().EmptyDict().Str("w").Tensor("0", 2, 0, [2], [1]).SetItem().Stop().ToArray();
        var file = PickleWriter.ZipArchive(pickle, new Dictionary<string, byte[]>());

        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(file, "w.pth"));

        Assert.Equal("w.pth: storage '0' is missing from the archive (archive/data/0).", error.Message);
    }

    [Fact]
    public void A_tensor_reaching_past_its_storage_is_refused()
    {
        var pickle = new PickleWriter().EmptyDict().Str("w").Tensor("0", 4, 2, [2, 2], [2, 1]).SetItem().Stop().ToArray();
        var file = PickleWriter.ZipArchive(pickle, new Dictionary<string, byte[]> { ["0"] = PickleWriter.Floats(1, 2, 3, 4) });

        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(file, "w.pth"));

        Assert.Contains("tensor 'w' (offset 2, size (2, 2), stride (2, 1)) reaches past the 4 elements of its storage", error.Message);
    }

    [Fact]
    public void A_pickled_object_other_than_tensors_is_refused_without_being_run()
    {
        var pickle = new PickleWriter().Global("os", "system").Mark().Str("echo hello").Tuple().Reduce().Stop().ToArray();
        var file = PickleWriter.ZipArchive(pickle, new Dictionary<string, byte[]>());

        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(file, "evil.pth"));

        Assert.StartsWith("evil.pth: archive/data.pkl: the pickle refers to 'os.system', which is not part of a state dict", error.Message);
    }

    [Fact]
    public void A_checkpoint_with_other_values_is_not_a_state_dict()
    {
        var pickle = new PickleWriter().EmptyDict().Str("epoch").Int(3).SetItem().Stop().ToArray();
        var file = PickleWriter.ZipArchive(pickle, new Dictionary<string, byte[]>());

        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(file, "ckpt.pth"));

        Assert.Equal("ckpt.pth: key 'epoch' holds a Python int, not a tensor, so this is not a state dict.", error.Message);
    }

    [Fact]
    public void A_list_is_not_a_state_dict()
    {
        var file = PickleWriter.ZipArchive(new PickleWriter().EmptyList().Stop().ToArray(), new Dictionary<string, byte[]>());

        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(file, "list.pth"));

        Assert.Equal("list.pth: holds a Python list, not a state dict (a dict of tensor names to tensors).", error.Message);
    }

    [Fact]
    public void A_plain_pickle_without_torchs_magic_number_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(new PickleWriter().Int(5).Stop().ToArray(), "five.pkl"));

        Assert.Equal("five.pkl: a pickle, but not one written by torch.save (no torch magic number).", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d }, "x.json: not a file written by torch.save (neither its zip format nor its legacy pickle format).")]
    [InlineData(new byte[] { 0x50, 0x4b, 0x03, 0x04, 0x00 }, "x.json: starts like a zip archive but is not a readable one")]
    public void Foreign_bytes_are_refused(byte[] bytes, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => TorchStateDict.Read(bytes, "x.json"));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_as_such()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TorchStateDict.Load("no-such-weights.pth"));

        Assert.Equal("no-such-weights.pth: weights file not found.", error.Message);
    }
}
