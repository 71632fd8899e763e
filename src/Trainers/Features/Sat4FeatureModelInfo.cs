using System.Text.Json;
using System.Text.Json.Serialization;

namespace QGan.MLNet.Trainers.Features;

/// <summary><c>features.json</c>: how a saved SAT-4 feature network was trained and how accurate it is.</summary>
public sealed record Sat4FeatureModelInfo
{
    public const string FileName = "features.json";
    public const string CurrentFormat = "qgan-sat4-features/1";

    public string Format { get; init; } = CurrentFormat;

    public string ModelFile { get; init; } = Sat4FeatureOnnx.FileName;

    public int FeatureDim { get; init; } = Sat4FeatureNetwork.FeatureDimension;

    public long ParameterCount { get; init; }

    /// <summary>The training configuration (the metrics path and thread count are left out).</summary>
    public required Sat4FeatureTrainingSummary Training { get; init; }

    public required Sat4FeatureDataSummary Data { get; init; }

    public required double TrainAccuracy { get; init; }

    public required double ValidationAccuracy { get; init; }

    public required double ValidationLoss { get; init; }

    /// <summary>Validation confusion matrix: row = true class, column = predicted (barren land, trees, grassland, none).</summary>
    public long[][] ValidationConfusion { get; init; } = [];

    /// <summary>Validation recall per class (null in JSON for a class without validation patches).</summary>
    public double?[] ValidationClassAccuracy { get; init; } = [];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static Sat4FeatureModelInfo FromJson(string json, string source)
    {
        Sat4FeatureModelInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<Sat4FeatureModelInfo>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid feature-network description: {ex.Message}", ex);
        }
        if (info is null || info.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{source}: expected format '{CurrentFormat}' but found '{info?.Format}'.");
        }
        return info;
    }
}

public sealed record Sat4FeatureTrainingSummary(int Epochs, int BatchSize, double LearningRate, double WeightDecay, int Seed, double ValidationFraction);

public sealed record Sat4FeatureDataSummary(string Description, int Count, int TrainCount, int ValidationCount);
