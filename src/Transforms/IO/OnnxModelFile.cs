using System.Security.Cryptography;

namespace QGan.MLNet.Transforms.IO;

/// <summary>
/// A model file for ML.NET's <c>ApplyOnnxModel</c> from model bytes held in memory. ML.NET's Stream overload copies
/// the bytes to a new, randomly named file in the temp folder on every call and never deletes it (its
/// <c>OnnxModel.CreateFromStream</c> passes <c>ownModelFile: false</c>): thousands of 1-2 MB copies piled up during
/// development. Here each distinct model gets one content-addressed file (its SHA-256) under the temp folder,
/// written atomically once and shared by every later call and process. The file stays (a saved ML.NET model reads
/// it again); its number is bounded by the number of distinct models.
/// </summary>
public static class OnnxModelFile
{
    /// <summary>The folder of the shared model files.</summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), "qgan-onnx-models");

    /// <summary>Path of a file holding exactly <paramref name="bytes"/>.</summary>
    public static string For(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var path = Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(bytes)) + ".onnx");
        // Written by rename only, so an existing file of the right length is complete; a damaged one is replaced.
        if (!File.Exists(path) || new FileInfo(path).Length != bytes.Length)
        {
            AtomicFile.WriteAllBytes(path, bytes);
        }
        return path;
    }
}
