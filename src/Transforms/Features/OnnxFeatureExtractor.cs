using Microsoft.ML.OnnxRuntime;
using QGan.MLNet.Transforms.Mapping;

namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// Runs an ONNX feature model on project images: the preprocessing (bands, bilinear resize, scaling) compiled to ONNX
/// operators (<see cref="FeaturePreprocessingGraph"/>) followed by the model, in batches through ONNX Runtime. The
/// same two models make up the ML.NET chain a saved <see cref="OnnxFeatureExtractorTransformer"/> holds. Owns the
/// native sessions, so it must be disposed.
/// </summary>
public sealed class OnnxFeatureExtractor : IDisposable
{
    private bool _disposed;

    /// <summary>Opens the model and checks its signature against <paramref name="options"/> (no inference yet).</summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a loadable ONNX model or does not fit the options; the message names the file and the tensor.</exception>
    public OnnxFeatureExtractor(OnnxFeatureExtractorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!File.Exists(options.ModelPath))
        {
            throw new FileNotFoundException($"{options.ModelPath}: ONNX model not found.", options.ModelPath);
        }
        Options = options;
        var bytes = File.ReadAllBytes(options.ModelPath);
        InferenceSession session;
        try
        {
            using var sessionOptions = new SessionOptions();
            if (options.IntraOpThreads is { } threads)
            {
                sessionOptions.IntraOpNumThreads = threads;
            }
            session = new InferenceSession(bytes, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"{options.ModelPath}: not a loadable ONNX model ({ex.Message}).", ex);
        }
        using (session)
        {
            Signature = OnnxModelSignature.Inspect(session, options);
            FeatureDimension = Signature.FeatureDimension > 0 ? Signature.FeatureDimension : ProbeFeatureDimension(session);
        }
        var sample = options.SampleShape.Select(d => (long)d).ToArray();
        long[] perRowOutput = Signature.FeatureDimension > 0 ? [.. Signature.OutputShape.Skip(1).Select(d => (long)d)] : [FeatureDimension];
        var preprocessing = OnnxStage.FromBuilt(FeaturePreprocessingGraph.Build(options), "feature preprocessing",
            [(long)options.SourceChannels * options.SourceHeight * options.SourceWidth], sample);
        var model = OnnxStage.Create(bytes, options.ModelPath, Signature.InputName, Signature.OutputName,
            FeaturePreprocessingGraph.OutputName, "qgan_features_result", sample, perRowOutput);
        Pipeline = new OnnxPipeline([preprocessing, model], options.IntraOpThreads ?? 0);
    }

    /// <summary>The options the extractor was opened with.</summary>
    public OnnxFeatureExtractorOptions Options { get; }

    /// <summary>The model's input and output tensors as checked against the options.</summary>
    public OnnxModelSignature Signature { get; }

    /// <summary>Features per image.</summary>
    public int FeatureDimension { get; }

    /// <summary>Values per input image (C x H x W of the source images).</summary>
    public int ImageLength => Options.SourceChannels * Options.SourceHeight * Options.SourceWidth;

    /// <summary>Preprocessing and model as one ONNX pipeline (shared with the transformer).</summary>
    internal OnnxPipeline Pipeline { get; }

    /// <summary>Features of one CHW image.</summary>
    public float[] Extract(ReadOnlySpan<float> image)
    {
        var features = new float[FeatureDimension];
        ExtractBatch(image, 1, features);
        return features;
    }

    /// <summary>Features of many CHW images, run through the model in batches of <c>Options.BatchSize</c>.</summary>
    public float[][] Extract(IReadOnlyList<float[]> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count][];
        var batch = Options.BatchSize;
        var input = new float[batch * ImageLength];
        var output = new float[batch * FeatureDimension];
        for (var start = 0; start < images.Count; start += batch)
        {
            var count = Math.Min(batch, images.Count - start);
            for (var i = 0; i < count; i++)
            {
                var image = images[start + i];
                if (image.Length != ImageLength)
                {
                    throw new InvalidDataException(
                        $"Image {start + i} (0-based) has {image.Length} values, expected {ImageLength}.");
                }
                image.CopyTo(input, i * ImageLength);
            }
            ExtractBatch(input.AsSpan(0, count * ImageLength), count, output);
            for (var i = 0; i < count; i++)
            {
                result[start + i] = output.AsSpan(i * FeatureDimension, FeatureDimension).ToArray();
            }
        }
        return result;
    }

    /// <summary>
    /// Runs <paramref name="count"/> CHW images laid end to end in <paramref name="images"/> and writes
    /// <c>count x FeatureDimension</c> features. Non-finite inputs or features are an error naming the sample.
    /// </summary>
    public void ExtractBatch(ReadOnlySpan<float> images, int count, Span<float> features)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (images.Length != count * ImageLength)
        {
            throw new ArgumentException($"Expected {count} x {ImageLength} image values but got {images.Length}.", nameof(images));
        }
        if (features.Length < count * FeatureDimension)
        {
            throw new ArgumentException($"Feature buffer holds {features.Length} values, needs {count * FeatureDimension}.", nameof(features));
        }
        for (var i = 0; i < images.Length; i++)
        {
            if (!float.IsFinite(images[i]))
            {
                throw new InvalidDataException($"Image {i / ImageLength} of the batch has a non-finite value ({images[i]}) at index {i % ImageLength}.");
            }
        }
        var output = features[..(count * FeatureDimension)];
        Pipeline.Run(images, count, output);
        for (var i = 0; i < output.Length; i++)
        {
            if (!float.IsFinite(output[i]))
            {
                throw new InvalidDataException(
                    $"{Options.ModelPath}: output '{Signature.OutputName}' is non-finite ({output[i]}) for sample {i / FeatureDimension} of the batch.");
            }
        }
    }

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Pipeline.Dispose();
        }
    }

    // The model declares a dynamic feature size: run one zero sample to learn it (once, at construction).
    private int ProbeFeatureDimension(InferenceSession session)
    {
        var sample = Options.SampleShape;
        using var input = OrtValue.CreateTensorValueFromMemory(new float[sample.Aggregate(1, (a, b) => a * b)], [1, .. sample.Select(d => (long)d)]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [Signature.InputName], [input], [Signature.OutputName]);
        var length = outputs[0].GetTensorTypeAndShape().ElementCount;
        if (Options.ExpectedFeatureDimension is { } expected && length != expected)
        {
            throw new InvalidDataException(
                $"{Options.ModelPath}: output '{Signature.OutputName}' gives {length} features per sample, expected {expected}.");
        }
        return checked((int)length);
    }
}
