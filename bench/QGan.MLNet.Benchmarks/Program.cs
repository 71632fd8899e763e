using BenchmarkDotNet.Running;
using QGan.MLNet.Benchmarks.Production;

namespace QGan.MLNet.Benchmarks;

/// <summary>
/// Benchmarks: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*'</c>
/// (see README "Benchmarks" for the figures and the exact filters). <c>-- quantum-cpu-time</c> runs the style-generator CPU-time probe,
/// <c>-- inception-time</c> the FID Inception feature-extraction probe (docs/evaluation.md), <c>-- csv-probe</c> the
/// interleaved numeric CSV probe, <c>-- style-anchor DIR</c> writes and times the anchor-comparison workload
/// (docs/quantum-engine.md), <c>-- fid-numpy DIR</c> writes the FID comparison data and times the C# side
/// (bench/fid-numpy/README.md), and <c>-- serve-load</c> the bounded
/// loopback load test of the scoring service instead (docs/production.md); <c>-- ab transformer|onnx|threads</c> the
/// interleaved A/B comparisons (<see cref="InterleavedAbProbe"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == Quantum.StyleGeneratorCpuTimeProbe.Command)
        {
            Quantum.StyleGeneratorCpuTimeProbe.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == InterleavedAbProbe.Command)
        {
            InterleavedAbProbe.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == Features.InceptionFeatureTimeProbe.Command)
        {
            Features.InceptionFeatureTimeProbe.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == Quantum.StyleAnchorProbe.Command)
        {
            Quantum.StyleAnchorProbe.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == Evaluation.FidNumpyComparison.Command)
        {
            Environment.ExitCode = Evaluation.FidNumpyComparison.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == Csv.NumericCsvProbe.Command)
        {
            Csv.NumericCsvProbe.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == "serve-load")
        {
            Environment.ExitCode = ServiceLoadTest.Run(args[1..]);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
