namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// Configuration of <see cref="OnnxFeatureExtractorEstimator"/>: which ONNX model, which tensors, and how the
/// project's images (CHW floats in [0, 1]) become the model's input.
/// </summary>
public sealed record OnnxFeatureExtractorOptions
{
    /// <summary>Path of the ONNX model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Input column: vector of float, <c>SourceChannels x SourceHeight x SourceWidth</c>, CHW order.</summary>
    public string InputColumnName { get; init; } = "Image";

    /// <summary>Output column: vector of float holding the features.</summary>
    public string OutputColumnName { get; init; } = "Features";

    /// <summary>ONNX input tensor; null = the model's only input.</summary>
    public string? OnnxInputName { get; init; }

    /// <summary>ONNX output tensor; null = the model's only output.</summary>
    public string? OnnxOutputName { get; init; }

    /// <summary>Channels of the images in the input column (default 4: R, G, B, NIR).</summary>
    public int SourceChannels { get; init; } = 4;
    /// <summary>Height of the images in the input column (default 28).</summary>
    public int SourceHeight { get; init; } = 28;
    /// <summary>Width of the images in the input column (default 28).</summary>
    public int SourceWidth { get; init; } = 28;

    /// <summary>Source bands fed to the model, in order (repeats allowed). Default R, G, B of RGBN.</summary>
    public IReadOnlyList<int> Bands { get; init; } = [0, 1, 2];

    /// <summary>Model input height; null = the source height.</summary>
    public int? TargetHeight { get; init; }

    /// <summary>Model input width; null = the source width.</summary>
    public int? TargetWidth { get; init; }

    /// <summary>Layout of the model's input tensor; the preprocessed CHW sample is transposed for <c>Nhwc</c>.</summary>
    public OnnxTensorLayout InputLayout { get; init; } = OnnxTensorLayout.Nchw;

    /// <summary>Bilinear sampling convention; false = torch's default <c>align_corners=False</c>.</summary>
    public bool AlignCorners { get; init; }

    /// <summary>Per-channel multiplier (1 value or one per band), applied after resizing.</summary>
    public IReadOnlyList<float> Scale { get; init; } = [1f];

    /// <summary>Per-channel offset (1 value or one per band): <c>y = x * Scale + Offset</c>.</summary>
    public IReadOnlyList<float> Offset { get; init; } = [0f];

    /// <summary>Required feature length (values per sample of the output tensor); null = whatever the model gives.</summary>
    public int? ExpectedFeatureDimension { get; init; }

    /// <summary>Samples per ONNX run in the batched array API (<see cref="OnnxFeatureExtractor.Extract(IReadOnlyList{float[]})"/>).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// ONNX Runtime intra-op threads of the session; null = ONNX Runtime's default (one per physical core). Set it
    /// when timing, or when several extractors share the machine. Parallel cursors (<c>GetRowCursorSet</c>) run their
    /// batches concurrently on top of this.
    /// </summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Maps [0, 1] inputs to [lo, hi]: <c>Scale = hi - lo</c>, <c>Offset = lo</c>.</summary>
    public OnnxFeatureExtractorOptions WithInputRange(float lo, float hi) =>
        this with { Scale = [hi - lo], Offset = [lo] };

    /// <summary>
    /// Per-channel standardisation <c>(x - mean) / std</c> (e.g. ImageNet: mean 0.485, 0.456, 0.406;
    /// std 0.229, 0.224, 0.225), expressed as <c>Scale = 1 / std</c>, <c>Offset = -mean / std</c>.
    /// </summary>
    public OnnxFeatureExtractorOptions WithStandardization(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != std.Count)
        {
            throw new ArgumentException($"mean has {mean.Count} values but std has {std.Count}.");
        }
        if (std.Any(s => !(s > 0)))
        {
            throw new ArgumentException("Every std must be positive.", nameof(std));
        }
        return this with
        {
            Scale = std.Select(s => 1f / s).ToArray(),
            Offset = mean.Zip(std, (m, s) => -m / s).ToArray(),
        };
    }

    /// <summary>ImageNet standardisation (torchvision constants) on the selected three bands.</summary>
    public OnnxFeatureExtractorOptions WithImageNetStandardization() =>
        WithStandardization([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>
    /// Preset for a user-supplied FID Inception-v3 ONNX model: input <c>[N, 3, 299, 299]</c>, 2048 pool features
    /// per sample (an output of <c>[N, 2048]</c> or <c>[N, 2048, 1, 1]</c>). R, G, B bands, bilinear
    /// resize to 299 x 299 (<c>align_corners=False</c>) and [0, 1] mapped to [-1, 1], the input range of the TF FID
    /// Inception graph and of pytorch-fid's <c>normalize_input=True</c> step. For an export that already contains
    /// that normalisation (it expects [0, 1]), pass <c>inputRange: (0, 1)</c>. The model's signature is checked
    /// against this preset when the estimator is fitted.
    /// </summary>
    public static OnnxFeatureExtractorOptions InceptionV3Fid(string modelPath, string? onnxInputName = null,
        string? onnxOutputName = null, (float Lo, float Hi)? inputRange = null, string inputColumnName = "Image",
        string outputColumnName = "Features", OnnxTensorLayout layout = OnnxTensorLayout.Nchw)
    {
        var range = inputRange ?? (-1f, 1f);
        return new OnnxFeatureExtractorOptions
        {
            ModelPath = modelPath,
            OnnxInputName = onnxInputName,
            OnnxOutputName = onnxOutputName,
            InputColumnName = inputColumnName,
            OutputColumnName = outputColumnName,
            Bands = [0, 1, 2],
            TargetHeight = 299,
            TargetWidth = 299,
            AlignCorners = false,
            InputLayout = layout,
            ExpectedFeatureDimension = InceptionFeatureDimension,
        }.WithInputRange(range.Lo, range.Hi);
    }

    /// <summary>Pool-3 feature length of the FID Inception-v3.</summary>
    public const int InceptionFeatureDimension = 2048;

    /// <summary>Input tensor name of the project's SAT-4 feature network (<c>features.onnx</c>).</summary>
    public const string Sat4FeatureInputName = "image";

    /// <summary>Output tensor name of the project's SAT-4 feature network.</summary>
    public const string Sat4FeatureOutputName = "features";

    /// <summary>Feature length of the project's SAT-4 feature network (its penultimate layer).</summary>
    public const int Sat4FeatureDimension = 128;

    /// <summary>
    /// Preset for the project's SAT-4 feature network (<c>models/sat4-features/features.onnx</c>, trained with
    /// <c>qgan train-features</c>): input <c>image</c> [N, 4, 28, 28], all four bands R, G, B, NIR, no resize, no
    /// scaling (the network takes [0, 1] CHW images as they are), output <c>features</c> [N, 128]. The model's
    /// signature is checked against this preset when the estimator is fitted. A SAT-4-specific feature space: its FID
    /// values are not comparable with Inception FIDs.
    /// </summary>
    public static OnnxFeatureExtractorOptions Sat4FeatureNetwork(string modelPath, string inputColumnName = "Image",
        string outputColumnName = "Features") => new()
        {
            ModelPath = modelPath,
            OnnxInputName = Sat4FeatureInputName,
            OnnxOutputName = Sat4FeatureOutputName,
            InputColumnName = inputColumnName,
            OutputColumnName = outputColumnName,
            SourceChannels = 4,
            SourceHeight = 28,
            SourceWidth = 28,
            Bands = [0, 1, 2, 3],
            InputLayout = OnnxTensorLayout.Nchw,
            ExpectedFeatureDimension = Sat4FeatureDimension,
        };

    internal FeatureInputPreprocessor CreatePreprocessor() => new(
        SourceChannels, SourceHeight, SourceWidth, Bands, TargetHeight ?? SourceHeight, TargetWidth ?? SourceWidth,
        AlignCorners, Scale, Offset);

    /// <summary>
    /// Model input shape per sample implied by these options: <c>[bands, height, width]</c> for NCHW,
    /// <c>[height, width, bands]</c> for NHWC.
    /// </summary>
    internal int[] SampleShape => SampleShapeFor(InputLayout);

    internal int[] SampleShapeFor(OnnxTensorLayout layout) => layout == OnnxTensorLayout.Nhwc
        ? [TargetHeight ?? SourceHeight, TargetWidth ?? SourceWidth, Bands.Count]
        : [Bands.Count, TargetHeight ?? SourceHeight, TargetWidth ?? SourceWidth];

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelPath, nameof(ModelPath));
        ArgumentException.ThrowIfNullOrWhiteSpace(InputColumnName, nameof(InputColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputColumnName, nameof(OutputColumnName));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (IntraOpThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "must be at least 1 (or null for ONNX Runtime's default)");
        }
        if (ExpectedFeatureDimension is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpectedFeatureDimension), "must be positive");
        }
        // Builds the preprocessor once to check bands, sizes, scale and offset.
        _ = CreatePreprocessor();
    }
}
