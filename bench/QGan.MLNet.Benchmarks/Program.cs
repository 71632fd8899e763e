using BenchmarkDotNet.Running;
using QGan.MLNet.Benchmarks.Production;

namespace QGan.MLNet.Benchmarks;

/// <summary>
/// Benchmarks: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*'</c>
/// (see README "Benchmarks" for the figures and the exact filters). <c>-- quantum-cpu-time</c> runs the style-generator CPU-time probe and <c>-- serve-load</c> the bounded
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
        if (args.Length > 0 && args[0] == "serve-load")
        {
            Environment.ExitCode = ServiceLoadTest.Run(args[1..]);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
