using System.Diagnostics;
using System.Globalization;
using QGan.MLNet.Trainers.Features.Inception;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Benchmarks.Features;

/// <summary>
/// Wall-clock probe of FID Inception-v3 feature extraction (too slow for BenchmarkDotNet's repetitions on the shared
/// 2-core machine): imports a weights file (default: the test fixture, which has the real architecture, so the same
/// arithmetic as pytorch-fid's published weights), then extracts the 2048 pool-3 features of SAT-4-sized patches
/// through the inception preset (R, G, B; bilinear 28 -&gt; 299; [-1, 1]; batches of 32) with ONNX Runtime on 1 and
/// on 2 intra-op threads, interleaved (1, 2, 1, 2, ...), and prints wall-clock and process CPU seconds per 1,000
/// patches and the load average (on a shared machine the CPU time is the steadier figure).
/// Patch content does not change the cost, so the patches are seeded random bytes.
/// Run: <c>dotnet run -c Release --project bench/QGan.MLNet.Benchmarks -- inception-time [patches] [rounds] [weights.pth]</c>.
/// </summary>
public static class InceptionFeatureTimeProbe
{
    public const string Command = "inception-time";

    public static void Run(string[] args)
    {
        var patches = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var weights = args.Length > 3 ? args[3] : DefaultWeights();
        var model = Path.Combine(Path.GetTempPath(), $"qgan-inception-time-{Environment.ProcessId}.onnx");
        try
        {
            Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
            var clock = Stopwatch.StartNew();
            var result = FidInceptionImporter.Import(weights, model);
            Console.WriteLine(FormattableString.Invariant($"import ({result.Format}, {result.KeyCount} tensors -> {result.OutputBytes / 1e6:F1} MB ONNX): {clock.Elapsed.TotalSeconds:F1} s"));

            var random = new Random(7);
            var images = Enumerable.Range(0, patches).Select(_ =>
            {
                var image = new float[4 * 28 * 28];
                for (var i = 0; i < image.Length; i++)
                {
                    image[i] = random.Next(256) / 255f;
                }
                return image;
            }).ToArray();

            Console.WriteLine("round | threads | wall s per 1,000 patches | CPU s per 1,000 patches (all threads) | patches/s");
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var threads in new[] { 1, 2 })
                {
                    using var extractor = new OnnxFeatureExtractor(OnnxFeatureExtractorOptions.InceptionV3Fid(model) with { IntraOpThreads = threads });
                    extractor.Extract(images[..Math.Min(8, patches)]); // warm-up: first-run allocations and kernels
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    clock.Restart();
                    var features = extractor.Extract(images);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                    if (features.Length != patches || features[0].Length != OnnxFeatureExtractorOptions.InceptionFeatureDimension)
                    {
                        throw new InvalidOperationException("unexpected feature shape");
                    }
                    Console.WriteLine(FormattableString.Invariant($"{round} | {threads} | {seconds / patches * 1000:F1} | {cpu / patches * 1000:F1} | {patches / seconds:F2}"));
                }
            }
            Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        }
        finally
        {
            File.Delete(model);
        }
    }

    private static string DefaultWeights()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QGan.MLNet.sln")))
        {
            dir = dir.Parent;
        }
        return dir is null
            ? throw new InvalidOperationException("Pass the weights file: the repository's test fixture was not found above the benchmark.")
            : Path.Combine(dir.FullName, "tests", "fixtures", "inception", "fid-inception-sparse.pth.gz");
    }
}
