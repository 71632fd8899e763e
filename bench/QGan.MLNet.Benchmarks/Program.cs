using BenchmarkDotNet.Running;

namespace QGan.MLNet.Benchmarks;

/// <summary>
/// Benchmarks: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- --filter '*'</c>
/// (see README "Benchmarks" for the figures and the exact filters).
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
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
