using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using QGan.MLNet.Transforms.Evaluation;

namespace QGan.MLNet.Benchmarks.Evaluation;

/// <summary>
/// The C# side of the FID comparison with numpy (bench/fid-numpy/README.md): writes the
/// <see cref="FrechetDistanceBenchmarks"/> data (two sets of 10,000 x 2048 float32 features) as raw little-endian
/// float32 files that <c>fid_numpy.py</c> reads, then times the FID on them in memory: covariance of each set,
/// the distance from the moments, and the total, best of N, wall clock and process CPU. Threads: all cores, or
/// <c>DOTNET_PROCESSOR_COUNT</c> (set it to the same value as <c>OPENBLAS_NUM_THREADS</c>).
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- fid-numpy DIR [repetitions]</c>.
/// </summary>
public static class FidNumpyComparison
{
    public const string Command = "fid-numpy";
    public const int Samples = 10_000;
    public const int Dimension = 2048;

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: fid-numpy DIR [repetitions]");
            return 2;
        }
        var dir = args[1];
        var repetitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        Directory.CreateDirectory(dir);
        var a = SyntheticFeatures.Rows(Samples, Dimension, seed: 1);
        var b = SyntheticFeatures.Rows(Samples, Dimension, seed: 2, shift: 0.1f);
        Write(Path.Combine(dir, "a.f32"), a);
        Write(Path.Combine(dir, "b.f32"), b);

        var best = new double[8];
        Array.Fill(best, double.MaxValue);
        FrechetDistanceResult result = null!;
        var process = Process.GetCurrentProcess();
        for (var r = 0; r < repetitions; r++)
        {
            GaussianMoments ma = null!, mb = null!;
            var (covAWall, covACpu) = Time(process, () => ma = GaussianMoments.FromRows(a, "a"));
            var (covBWall, covBCpu) = Time(process, () => mb = GaussianMoments.FromRows(b, "b"));
            var (distWall, distCpu) = Time(process, () => result = FrechetDistance.Compute(ma, mb));
            double[] times = [covAWall + covBWall, covACpu + covBCpu, distWall, distCpu, covAWall + covBWall + distWall, covACpu + covBCpu + distCpu];
            for (var i = 0; i < times.Length; i++)
            {
                best[i] = Math.Min(best[i], times[i]);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"C# threads {Environment.ProcessorCount}: covariances {best[0]:F3} s (CPU {best[1]:F3}), distance {best[2]:F3} s (CPU {best[3]:F3}), total {best[4]:F3} s (CPU {best[5]:F3}); best of {repetitions}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C# fid {result.Value:R} trace_sqrt {result.TraceSqrtProduct:R}"));
        return 0;
    }

    private static (double Wall, double Cpu) Time(Process process, Action body)
    {
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        body();
        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static void Write(string path, float[][] rows)
    {
        var tmp = path + ".tmp";
        using (var stream = File.Create(tmp))
        {
            foreach (var row in rows)
            {
                stream.Write(MemoryMarshal.AsBytes(row.AsSpan()));
            }
        }
        File.Move(tmp, path, overwrite: true);
    }
}
