using Microsoft.ML.OnnxRuntime;

namespace QGan.MLNet.Transforms.Features;

/// <summary>
/// Runs an ONNX feature model on project images: preprocessing (bands, bilinear resize, scaling) and batched
/// inference with ONNX Runtime. Owns the native session, so it must be disposed.
/// </summary>
public sealed class OnnxFeatureExtractor : IDisposable
{
    private readonly InferenceSession _session;
    private readonly FeatureInputPreprocessor _preprocessor;
    private bool _disposed;

    /// <summary>Opens the model and checks its signature against <paramref name="options"/> (no inference yet).</summary>
    public OnnxFeatureExtractor(OnnxFeatureExtractorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!File.Exists(options.ModelPath))
        {
            throw new FileNotFoundException($"{options.ModelPath}: ONNX model not found.", options.ModelPath);
        }
        Options = options;
        _preprocessor = options.CreatePreprocessor();
        try
        {
            using var sessionOptions = new SessionOptions();
            if (options.IntraOpThreads is { } threads)
            {
                sessionOptions.IntraOpNumThreads = threads;
            }
            _session = new InferenceSession(options.ModelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"{options.ModelPath}: not a loadable ONNX model ({ex.Message}).", ex);
        }
        try
        {
            Signature = OnnxModelSignature.Inspect(_session, options);
            FeatureDimension = Signature.FeatureDimension > 0 ? Signature.FeatureDimension : ProbeFeatureDimension();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public OnnxFeatureExtractorOptions Options { get; }

    public OnnxModelSignature Signature { get; }

    /// <summary>Features per image.</summary>
    public int FeatureDimension { get; }

    /// <summary>Values per input image (C x H x W of the source images).</summary>
    public int ImageLength => _preprocessor.SourceLength;

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
    /// <c>count x FeatureDimension</c> features. Non-finite features are an error naming the model and sample.
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
        var sampleLength = _preprocessor.OutputLength;
        var modelInput = new float[count * sampleLength];
        var nhwc = Options.InputLayout == OnnxTensorLayout.Nhwc;
        var chw = nhwc ? new float[sampleLength] : null;
        for (var i = 0; i < count; i++)
        {
            var image = images.Slice(i * ImageLength, ImageLength);
            var sample = modelInput.AsSpan(i * sampleLength, sampleLength);
            if (chw is null)
            {
                _preprocessor.Process(image, sample);
            }
            else
            {
                _preprocessor.Process(image, chw);
                ToChannelsLast(chw, sample);
            }
        }
        Run(modelInput, count, features);
    }

    /// <summary>Runs the model on already preprocessed input (<c>[count, C', H', W']</c> or <c>[count, H', W', C']</c>).</summary>
    internal void Run(float[] modelInput, int count, Span<float> features)
    {
        var shape = InputShape(count);
        using var input = OrtValue.CreateTensorValueFromMemory(modelInput, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [Signature.InputName], [input], [Signature.OutputName]);
        var result = outputs[0].GetTensorDataAsSpan<float>();
        if (result.Length != count * FeatureDimension)
        {
            throw new InvalidDataException(
                $"{Options.ModelPath}: output '{Signature.OutputName}' returned {result.Length} values for {count} samples, " +
                $"expected {count} x {FeatureDimension}.");
        }
        for (var i = 0; i < result.Length; i++)
        {
            if (!float.IsFinite(result[i]))
            {
                throw new InvalidDataException(
                    $"{Options.ModelPath}: output '{Signature.OutputName}' is non-finite ({result[i]}) for sample {i / FeatureDimension} of the batch.");
            }
        }
        result.CopyTo(features);
    }

    private long[] InputShape(int count)
    {
        int c = _preprocessor.OutputChannels, h = _preprocessor.OutputHeight, w = _preprocessor.OutputWidth;
        return Options.InputLayout == OnnxTensorLayout.Nhwc ? [count, h, w, c] : [count, c, h, w];
    }

    // CHW -> HWC for one sample.
    private void ToChannelsLast(ReadOnlySpan<float> chw, Span<float> hwc)
    {
        var channels = _preprocessor.OutputChannels;
        var plane = _preprocessor.OutputHeight * _preprocessor.OutputWidth;
        for (var c = 0; c < channels; c++)
        {
            var src = chw.Slice(c * plane, plane);
            for (var p = 0; p < plane; p++)
            {
                hwc[p * channels + c] = src[p];
            }
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
        }
    }

    // The model declares a dynamic feature size: run one zero image to learn it (once, at construction).
    private int ProbeFeatureDimension()
    {
        using var input = OrtValue.CreateTensorValueFromMemory(new float[_preprocessor.OutputLength], InputShape(1));
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [Signature.InputName], [input], [Signature.OutputName]);
        var length = outputs[0].GetTensorTypeAndShape().ElementCount;
        if (Options.ExpectedFeatureDimension is { } expected && length != expected)
        {
            throw new InvalidDataException(
                $"{Options.ModelPath}: output '{Signature.OutputName}' gives {length} features per sample, expected {expected}.");
        }
        return checked((int)length);
    }
}
