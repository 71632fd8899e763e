using System.Xml.Linq;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Serving.Tests;

/// <summary>The scoring service runs exported ONNX models only: no TorchSharp, no Trainers, not even transitively.</summary>
public sealed class ServiceDependencyTests
{
    [Fact]
    public void Service_assembly_and_project_reference_neither_trainers_nor_torchsharp()
    {
        var referenced = typeof(ScoringService).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(referenced, n => n.StartsWith("TorchSharp", StringComparison.Ordinal) || n == "QGan.MLNet.Trainers");

        var project = XDocument.Load(Path.Combine(Fixtures.RepoRoot, "src", "Serving", "QGan.MLNet.Serving.csproj"));
        var references = project.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference")
            .Select(e => (string)e.Attribute("Include")!).ToArray();
        Assert.DoesNotContain(references, r => r.Contains("Trainers", StringComparison.Ordinal) || r.Contains("TorchSharp", StringComparison.Ordinal) || r.Contains("libtorch", StringComparison.Ordinal));
        // The projects it references (Core, which has no references, and Transforms) do not bring them in either.
        var transforms = XDocument.Load(Path.Combine(Fixtures.RepoRoot, "src", "Transforms", "QGan.MLNet.Transforms.csproj"));
        Assert.DoesNotContain(transforms.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference").Select(e => (string)e.Attribute("Include")!),
            r => r.Contains("Trainers", StringComparison.Ordinal) || r.Contains("TorchSharp", StringComparison.Ordinal) || r.Contains("libtorch", StringComparison.Ordinal));
    }
}
