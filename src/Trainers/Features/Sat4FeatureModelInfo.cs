using System.Text.Json;
using System.Text.Json.Serialization;

namespace QGan.MLNet.Trainers.Features;

/// <summary><c>features.json</c>: how a saved SAT-4 feature network was trained and how accurate it is.</summary>
public sealed record Sat4FeatureModelInfo
{
    /// <summary><c>features.json</c>.</summary>
    public const string FileName = "features.json";
    /// <summary>The format this build writes and reads.</summary>
    public const string CurrentFormat = "qgan-sat4-features/1";

    /// <summary>Format identifier of the file.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>File name of the ONNX model in the folder.</summary>
    public string ModelFile { get; init; } = Sat4FeatureOnnx.FileName;

    /// <summary>Features per image.</summary>
    public int FeatureDim { get; init; } = Sat4FeatureNetwork.FeatureDimension;

    /// <summary>Trainable parameters.</summary>
    public long ParameterCount { get; init; }

    /// <summary>The training configuration (the metrics path and thread count are left out).</summary>
    public required Sat4FeatureTrainingSummary Training { get; init; }

    /// <summary>The data the network was trained on.</summary>
    public required Sat4FeatureDataSummary Data { get; init; }

    /// <summary>Classification accuracy on the training split.</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>Classification accuracy on the validation split.</summary>
    public required double ValidationAccuracy { get; init; }

    /// <summary>Cross-entropy on the validation split.</summary>
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

    /// <summary>The indented JSON of the file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses <c>features.json</c>; errors name <paramref name="source"/> and the field.</summary>
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

/// <summary>How the feature network was trained (<c>features.json</c>, field <c>training</c>).</summary>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="WeightDecay">Adam weight decay.</param>
/// <param name="Seed">Seed of initialisation, shuffling and the split.</param>
/// <param name="ValidationFraction">Share of the data held out for validation.</param>
public sealed record Sat4FeatureTrainingSummary(int Epochs, int BatchSize, double LearningRate, double WeightDecay, int Seed, double ValidationFraction);

/// <summary>The data the feature network was trained on (<c>features.json</c>, field <c>data</c>).</summary>
/// <param name="Description">What the data was.</param>
/// <param name="Count">Images in all.</param>
/// <param name="TrainCount">Images in the training split.</param>
/// <param name="ValidationCount">Images in the validation split.</param>
public sealed record Sat4FeatureDataSummary(string Description, int Count, int TrainCount, int ValidationCount);
