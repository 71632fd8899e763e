using System.Text.Json;
using System.Text.Json.Serialization;

namespace QGan.MLNet.Trainers.Autoencoder;

/// <summary>
/// <c>autoencoder.json</c>: how a saved autoencoder was built and how good it is. The MSEs are per pixel value on
/// [0,1] data; <see cref="AutoencoderQuality.MeanImageBaselineMse"/> is the validation MSE of predicting the mean training image.
/// </summary>
public sealed record AutoencoderModelInfo
{
    /// <summary><c>autoencoder.json</c>.</summary>
    public const string FileName = "autoencoder.json";
    /// <summary>The format this build writes and reads.</summary>
    public const string CurrentFormat = "qgan-autoencoder/1";

    /// <summary>Format identifier of the file.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The architecture.</summary>
    public required AutoencoderArchitecture Architecture { get; init; }

    /// <summary>The training configuration.</summary>
    public required AutoencoderTrainingSummary Training { get; init; }

    /// <summary>The data the model was trained on.</summary>
    public required AutoencoderDataSummary Data { get; init; }

    /// <summary>Reconstruction quality.</summary>
    public required AutoencoderQuality Quality { get; init; }

    /// <summary>File name of the encoder in the model folder.</summary>
    public string EncoderFile { get; init; } = AutoencoderOnnx.EncoderFileName;

    /// <summary>File name of the decoder in the model folder.</summary>
    public string DecoderFile { get; init; } = AutoencoderOnnx.DecoderFileName;

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The indented JSON of the file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses <c>autoencoder.json</c>; errors name <paramref name="source"/> and the field.</summary>
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

/// <summary>The data an autoencoder was trained on (<c>autoencoder.json</c>, field <c>data</c>).</summary>
/// <param name="Description">What the data was (file or synthetic generator and seed).</param>
/// <param name="Count">Images in all.</param>
/// <param name="TrainCount">Images in the training split.</param>
/// <param name="ValidationCount">Images in the validation split.</param>
public sealed record AutoencoderDataSummary(string Description, int Count, int TrainCount, int ValidationCount);

/// <summary>Reconstruction quality of an autoencoder (<c>autoencoder.json</c>, field <c>quality</c>).</summary>
/// <param name="TrainMse">Mean squared reconstruction error on the training split.</param>
/// <param name="ValidationMse">Mean squared reconstruction error on the validation split.</param>
/// <param name="MeanImageBaselineMse">Error of always predicting the mean training image (the bar to beat).</param>
public sealed record AutoencoderQuality(double TrainMse, double ValidationMse, double MeanImageBaselineMse)
{
    /// <summary>Validation MSE as a fraction of the mean-image baseline (lower is better; 1 = no better than the mean).</summary>
    public double RelativeToBaseline => MeanImageBaselineMse > 0 ? ValidationMse / MeanImageBaselineMse : double.NaN;
}
