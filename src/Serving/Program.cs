using System.CommandLine;

namespace QGan.MLNet.Serving;

/// <summary>
/// The standalone scoring service: <c>QGan.MLNet.Serving --model model.onnx [--encoder encoder.onnx] [--critic critic.onnx]
/// [--urls http://0.0.0.0:5080]</c>. It needs only ASP.NET Core, ML.NET and ONNX Runtime (no TorchSharp); see
/// docs/production.md for <c>dotnet publish</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the service until Ctrl+C / SIGTERM.</summary>
    public static int Main(string[] args)
    {
        var root = ServingCommandLine.Configure(new RootCommand(ServingCommandLine.Description));
        return root.Parse(args).Invoke();
    }
}
