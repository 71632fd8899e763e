using System.Text.Json;
using System.Text.Json.Serialization;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// <c>autoencoder.json</c>: how a saved autoencoder was built and how good it is. The MSEs are per pixel value on
/// [0,1] data; <see cref="MeanImageBaselineMse"/> is the validation MSE of predicting the mean training image.
/// </summary>
public sealed record AutoencoderModelInfo
{
    public const string FileName = "autoencoder.json";
    public const string CurrentFormat = "qgan-autoencoder/1";

    public string Format { get; init; } = CurrentFormat;

    public required AutoencoderArchitecture Architecture { get; init; }

    public required AutoencoderTrainingSummary Training { get; init; }

    public required AutoencoderDataSummary Data { get; init; }

    public required AutoencoderQuality Quality { get; init; }

    public string EncoderFile { get; init; } = AutoencoderOnnx.EncoderFileName;

    public string DecoderFile { get; init; } = AutoencoderOnnx.DecoderFileName;

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static AutoencoderModelInfo FromJson(string json, string source)
    {
        AutoencoderModelInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<AutoencoderModelInfo>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid autoencoder description: {ex.Message}", ex);
        }
        if (info is null || info.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{source}: expected format '{CurrentFormat}' but found '{info?.Format}'.");
        }
        return info;
    }
}

/// <summary>The training configuration recorded with a model (paths and thread counts left out).</summary>
public sealed record AutoencoderTrainingSummary(
    int Epochs, int EpochsRun, int BatchSize, double LearningRate, double WeightDecay, int Seed, double ValidationFraction,
    LearningRateSchedule Schedule, int EarlyStoppingPatience, bool StoppedEarly, int BestEpoch, string ConfigHash);

public sealed record AutoencoderDataSummary(string Description, int Count, int TrainCount, int ValidationCount);

public sealed record AutoencoderQuality(double TrainMse, double ValidationMse, double MeanImageBaselineMse)
{
    /// <summary>Validation MSE as a fraction of the mean-image baseline (lower is better; 1 = no better than the mean).</summary>
    public double RelativeToBaseline => MeanImageBaselineMse > 0 ? ValidationMse / MeanImageBaselineMse : double.NaN;
}
