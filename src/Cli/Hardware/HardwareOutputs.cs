using QGan.MLNet.Transforms.Data.Png;
using QGan.MLNet.Trainers.Gan.Evaluation;
using QGan.MLNet.Trainers.Hardware;
using QGan.MLNet.Transforms.Data;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Cli.Hardware;

/// <summary>Where hardware reports go and the optional image grid of decoded measured latents.</summary>
internal static class HardwareOutputs
{
    /// <summary><c>--out DIR2</c> -&gt; <c>DIR2/&lt;name&gt;.json</c>; default <c>MODEL/hardware/&lt;name&gt;.json</c>.</summary>
    public static string ReportPath(string? outDirectory, string generatorDirectory, string name)
    {
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Length == 0 || name.StartsWith('.'))
        {
            throw new ArgumentException($"--name '{name}' is not a valid file name");
        }
        return outDirectory is null ? HardwareReport.DefaultPath(generatorDirectory, name) : Path.Combine(outDirectory, name + ".json");
    }

    /// <summary>Decodes up to 64 measured latents into a false-colour grid beside the report (<c>&lt;name&gt;.png</c>).</summary>
    public static string? WriteGrid(string reportPath, IReadOnlyList<double[]> latents, ILatentDecoder? decoder)
    {
        if (decoder is null || decoder.ImageLength != Sat4Schema.PixelCount)
        {
            return null;
        }
        int n = Math.Min(64, latents.Count);
        var flat = new float[n * decoder.LatentDimension];
        for (int r = 0; r < n; r++)
        {
            for (int k = 0; k < decoder.LatentDimension; k++)
            {
                flat[r * decoder.LatentDimension + k] = (float)latents[r][k];
            }
        }
        var png = SampleGrid.Render(decoder.Decode(flat), n, (int)Math.Ceiling(Math.Sqrt(n)));
        var path = Path.ChangeExtension(reportPath, ".png");
        AtomicFile.WriteAllBytes(path, png);
        return path;
    }
}
