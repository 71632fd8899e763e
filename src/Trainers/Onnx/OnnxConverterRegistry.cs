using QGan.MLNet.Trainers.Onnx.Converters;
using static TorchSharp.torch;

namespace QGan.MLNet.Trainers.Onnx;

/// <summary>
/// Maps module types to converters. <see cref="CreateDefault"/> holds the layers the autoencoder and the GAN
/// generators use; callers register converters for their own module types (looked up by exact type first, then
/// by base type).
/// </summary>
public sealed class OnnxConverterRegistry
{
    private readonly Dictionary<Type, OnnxModuleConverter> _converters = [];

    /// <summary>Registers (or replaces) the converter of <typeparamref name="TModule"/> and returns the registry.</summary>
    public OnnxConverterRegistry Register<TModule>(OnnxModuleConverter converter) where TModule : nn.Module
    {
        ArgumentNullException.ThrowIfNull(converter);
        _converters[typeof(TModule)] = converter;
        return this;
    }

    /// <summary>The module types with a converter (for messages).</summary>
    public IEnumerable<string> SupportedTypeNames => _converters.Keys.Select(t => t.Name).Distinct().Order(StringComparer.Ordinal);

    internal OnnxModuleConverter? Find(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (_converters.TryGetValue(t, out var converter))
            {
                return converter;
            }
        }
        return null;
    }

    /// <summary>Sequential nesting, Conv2d, ConvTranspose2d, Linear, BatchNorm1d/2d, activations, Flatten, Unflatten, 2-d pooling.</summary>
    public static OnnxConverterRegistry CreateDefault()
    {
        var registry = new OnnxConverterRegistry();
        ContainerConverters.Register(registry);
        ConvolutionConverters.Register(registry);
        LinearConverter.Register(registry);
        BatchNormConverter.Register(registry);
        ActivationConverters.Register(registry);
        ShapeConverters.Register(registry);
        PoolingConverters.Register(registry);
        return registry;
    }
}
