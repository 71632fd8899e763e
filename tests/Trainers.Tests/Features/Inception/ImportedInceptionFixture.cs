using QGan.MLNet.Trainers.Features.Inception;

using QGan.MLNet.Tests.Shared.Inception;

namespace QGan.MLNet.Trainers.Tests.Features.Inception;

/// <summary>Imports the zip-format fixture weights once per test class, with the block outputs, into a temporary ONNX file.</summary>
public sealed class ImportedInceptionFixture : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qgan-inception-").FullName;

    public ImportedInceptionFixture()
    {
        ModelPath = Path.Combine(_dir, "inception-fid.onnx");
        Result = FidInceptionImporter.Import(InceptionReference.ZipWeights, ModelPath, new FidInceptionImportOptions { IncludeBlockOutputs = true });
    }

    public string ModelPath { get; }

    public FidInceptionImportResult Result { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
