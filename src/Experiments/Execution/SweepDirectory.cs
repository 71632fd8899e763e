using System.Text.Json.Nodes;
using QGan.MLNet.Experiments.Config;
using QGan.MLNet.Experiments.Runs;
using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Experiments.Execution;

/// <summary>
/// Binds a validated config to a sweep directory: writes <c>DIR/sweep.json</c> the first time, and afterwards only
/// accepts the same normalised config (a sweep is resumed, never mixed with another).
/// </summary>
public static class SweepDirectory
{
    public static SweepLayout Prepare(SweepConfig config, string directory)
    {
        var layout = new SweepLayout(Path.GetFullPath(directory));
        var json = config.ToJson();
        if (File.Exists(layout.ConfigPath))
        {
            var existing = SweepConfigParser.Load(layout.ConfigPath).ToJson();
            if (existing != json)
            {
                throw new ArgumentException(
                    $"{layout.ConfigPath} holds a different sweep ({FirstDifference(JsonNode.Parse(existing), JsonNode.Parse(json), "$")} differs); " +
                    "resume it with the same config or choose another --out directory");
            }
            return layout;
        }
        // The normalised form must itself be a valid config that reads back to the same sweep.
        if (SweepConfigParser.Parse(json, layout.ConfigPath, layout.Directory).ToJson() != json)
        {
            throw new InvalidOperationException("the normalised sweep config does not read back identically");
        }
        Directory.CreateDirectory(layout.Directory);
        AtomicFile.WriteAllText(layout.ConfigPath, json);
        return layout;
    }

    /// <summary>An existing sweep directory's layout and config (for collect and report).</summary>
    public static (SweepLayout Layout, SweepConfig Config) Open(string directory)
    {
        var layout = new SweepLayout(Path.GetFullPath(directory));
        if (!File.Exists(layout.ConfigPath))
        {
            throw new FileNotFoundException($"{layout.Directory} is not a sweep directory (no {SweepConfig.FileName})", layout.ConfigPath);
        }
        return (layout, SweepConfigParser.Load(layout.ConfigPath));
    }

    /// <summary>JSON path of the first key whose value differs between two documents.</summary>
    internal static string FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
            {
                oa.TryGetPropertyValue(key, out var va);
                ob.TryGetPropertyValue(key, out var vb);
                if (!JsonNode.DeepEquals(va, vb))
                {
                    return FirstDifference(va, vb, $"{path}.{key}");
                }
            }
        }
        else if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (int i = 0; i < aa.Count; i++)
            {
                if (!JsonNode.DeepEquals(aa[i], ab[i]))
                {
                    return FirstDifference(aa[i], ab[i], $"{path}[{i}]");
                }
            }
        }
        return path;
    }
}
