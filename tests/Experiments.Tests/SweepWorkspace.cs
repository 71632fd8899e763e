using System.Globalization;

namespace QGan.MLNet.Experiments.Tests;

/// <summary>A temporary folder with 24-d latents (two Gaussian blobs) and helpers to write tiny sweep configs.</summary>
internal sealed class SweepWorkspace : IDisposable
{
    public SweepWorkspace(int rows = 200)
    {
        Directory.CreateDirectory(Root);
        var rng = new Random(7);
        var lines = new List<string>();
        for (int i = 0; i < rows; i++)
        {
            double centre = i % 2 == 0 ? -0.3 : 0.3;
            lines.Add(string.Join(",", Enumerable.Range(0, 24).Select(_ =>
                (centre + 0.2 * (rng.NextDouble() + rng.NextDouble() - 1)).ToString("F5", CultureInfo.InvariantCulture))));
        }
        File.WriteAllLines(LatentsPath, lines);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "qgan-sweep-cli-" + Guid.NewGuid().ToString("N"));

    public string LatentsPath => Path.Combine(Root, "lat.csv");

    public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Writes a config file next to the latents and returns its path.</summary>
    public string Config(string name, string json)
    {
        var path = Combine(name);
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
