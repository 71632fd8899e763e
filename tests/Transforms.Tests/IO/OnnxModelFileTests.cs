using System.Security.Cryptography;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Tests.IO;

/// <summary>The shared, content-addressed model files that replace ML.NET's per-call temp copies.</summary>
public sealed class OnnxModelFileTests
{
    [Fact]
    public void Equal_bytes_share_one_file_and_different_bytes_get_their_own()
    {
        var bytes = RandomNumberGenerator.GetBytes(4096);
        var other = (byte[])bytes.Clone();
        other[17] ^= 1;

        string first = OnnxModelFile.For(bytes);
        string again = OnnxModelFile.For((byte[])bytes.Clone());
        string different = OnnxModelFile.For(other);

        Assert.Equal(first, again);
        Assert.NotEqual(first, different);
        Assert.Equal(bytes, File.ReadAllBytes(first));
        Assert.Equal(other, File.ReadAllBytes(different));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)) + ".onnx", Path.GetFileName(first));
        Assert.Equal(OnnxModelFile.Folder, Path.GetDirectoryName(first));
    }

    [Fact]
    public void A_damaged_file_is_replaced()
    {
        var bytes = RandomNumberGenerator.GetBytes(2048);
        string path = OnnxModelFile.For(bytes);
        File.WriteAllBytes(path, bytes[..100]); // as if cut short by something else

        Assert.Equal(path, OnnxModelFile.For(bytes));
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }
}
