using System.CommandLine;
using System.Text;
using System.Text.Json;
using QGan.MLNet.Transforms.Data;

namespace QGan.MLNet.Cli.Commands;

/// <summary>
/// <c>qgan data inspect PATH</c>: prints one JSON object with, per split, <c>count</c>, <c>class_counts</c> (barren land,
/// trees, grassland, none) and <c>channel_sums</c> (sums of the uint8 values of R, G, B, NIR). Nothing else goes to stdout.
/// </summary>
public static class DataInspectCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "A SAT-4 .mat file, a Kaggle X_*.csv (with its y_*.csv beside it) or a PNG folder.",
        };
        var command = new Command("inspect", "Print counts, class counts and channel sums of every split as one JSON object.");
        command.Arguments.Add(path);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var data = Sat4DataLoader.Load(parseResult.GetValue(path)!);
            if (!data.AnnotationsMatchSchema)
            {
                Console.Error.WriteLine(
                    $"warning: the file's annotations [{string.Join(", ", data.DeclaredClassNames!)}] differ from the expected class order [{string.Join(", ", Sat4Schema.ClassNames)}]");
            }
            Console.Out.WriteLine(ToJson(data));
            return 0;
        }));
        return command;
    }

    /// <summary>The inspect report: <c>{"train":{"count":..,"class_counts":[..],"channel_sums":[..]},"test":{..}}</c>.</summary>
    public static string ToJson(Sat4DataSet data)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var split in data.Splits)
            {
                var stats = split.ComputeStatistics();
                json.WriteStartObject(split.Name);
                json.WriteNumber("count", stats.Count);
                json.WriteStartArray("class_counts");
                foreach (var c in stats.ClassCounts)
                {
                    json.WriteNumberValue(c);
                }
                json.WriteEndArray();
                json.WriteStartArray("channel_sums");
                foreach (var s in stats.ChannelSums)
                {
                    json.WriteNumberValue(s);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
