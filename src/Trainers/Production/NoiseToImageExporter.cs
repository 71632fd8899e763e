using QGan.MLNet.Transforms.Onnx;
using Google.Protobuf;
using QGan.MLNet.Trainers.Gan.Models;
using QGan.MLNet.Trainers.Onnx;
using QGan.MLNet.Transforms.Onnx.Proto;
using QGan.MLNet.Transforms.IO;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Exports a trained generator (quantum or classical) and the autoencoder decoder as ONE ONNX model:
/// input <c>noise</c> [N, noise_dim] -&gt; outputs <c>latent</c> [N, latent_dim] and <c>image</c> [N, C, H, W].
/// The quantum circuit is compiled to standard operators (<see cref="StyleCircuitOnnxCompiler"/>), so the file runs
/// on any ONNX Runtime (or ML.NET's ApplyOnnxModel) without the simulator.
/// </summary>
public static class NoiseToImageExporter
{
    /// <summary>Input tensor of the noise.</summary>
    public const string NoiseTensor = LatentTensorNames.Noise;
    /// <summary>Output tensor of the generated latents.</summary>
    public const string LatentTensor = LatentTensorNames.Latent;
    /// <summary>Output tensor of the decoded images.</summary>
    public const string ImageTensor = LatentTensorNames.Image;

    /// <summary>The noise -&gt; latent graph of the generator alone.</summary>
    public static ModelProto ExportGenerator(TrainedGenerator generator, int opset = OnnxModuleExporter.DefaultOpset)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var manifest = generator.Manifest;
        var options = new OnnxExportOptions
        {
            InputName = NoiseTensor,
            InputShape = [manifest.NoiseDimension],
            OutputName = LatentTensor,
            ExpectedOutputShape = [manifest.LatentDimension],
            GraphName = $"qgan-{manifest.Kind.ToString().ToLowerInvariant()}-generator",
            Opset = opset,
            DocString = "QGan.MLNet generator: standard normal noise -> autoencoder latent.",
            Metadata = Metadata(manifest),
        };
        var exporter = new OnnxModuleExporter(GeneratorOnnxConverters.CreateRegistry());
        return generator.WithModule(module => exporter.Export(module, options));
    }

    /// <summary>The single noise -&gt; (latent, image) model.</summary>
    public static ModelProto Export(TrainedGenerator generator, LatentOnnxModel decoder, int opset = OnnxModuleExporter.DefaultOpset)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        if (decoder.Kind != LatentModelKind.Decoder)
        {
            throw new ArgumentException($"'{decoder.Source}' is an encoder, not a decoder", nameof(decoder));
        }
        if (decoder.LatentSize != generator.LatentDimension)
        {
            throw new InvalidDataException(
                $"decoder '{decoder.Source}' takes {decoder.LatentSize} latent values but the generator produces {generator.LatentDimension}");
        }
        var model = ExportGenerator(generator, opset);
        ModelProto decoderModel;
        try
        {
            decoderModel = ModelProto.Parser.ParseFrom(decoder.Bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"decoder model '{decoder.Source}' cannot be parsed: {ex.Message}", ex);
        }
        DecoderGraphAppender.Append(model, decoderModel, decoder.Source);
        model.Graph.Name = $"qgan-{generator.Manifest.Kind.ToString().ToLowerInvariant()}-noise-to-image";
        model.DocString = "QGan.MLNet noise-to-image model: generator followed by the autoencoder decoder. " +
            $"Input 'noise' [N,{generator.NoiseDimension}] (standard normal); outputs 'latent' [N,{generator.LatentDimension}] " +
            $"and 'image' [N,{string.Join(",", decoder.ImageShape)}] (CHW, values in [0,1]).";
        model.MetadataProps.Add(new StringStringEntryProto { Key = "qgan.decoder", Value = Path.GetFileName(decoder.Source) });
        return model;
    }

    /// <summary>The noise -&gt; (latent, image) model as bytes.</summary>
    public static byte[] ExportBytes(TrainedGenerator generator, LatentOnnxModel decoder, int opset = OnnxModuleExporter.DefaultOpset) =>
        Export(generator, decoder, opset).ToByteArray();

    /// <summary>Writes the model atomically: a failure leaves no file behind.</summary>
    public static void Save(TrainedGenerator generator, LatentOnnxModel decoder, string path, int opset = OnnxModuleExporter.DefaultOpset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = ExportBytes(generator, decoder, opset);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    private static Dictionary<string, string> Metadata(GeneratorManifest m)
    {
        var metadata = new Dictionary<string, string>
        {
            ["qgan.kind"] = m.Kind.ToString().ToLowerInvariant(),
            ["qgan.noise_dimension"] = m.NoiseDimension.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["qgan.latent_dimension"] = m.LatentDimension.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["qgan.iterations"] = m.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["qgan.seed"] = m.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["qgan.config_hash"] = m.ConfigHash,
            // The whole manifest, so a service that only has the ONNX file can describe the generator.
            ["qgan.manifest"] = System.Text.Json.JsonSerializer.Serialize(m, GeneratorManifest.Json),
        };
        if (m.Qubits is int q)
        {
            metadata["qgan.qubits"] = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
            metadata["qgan.layers"] = (m.Layers ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            metadata["qgan.readout"] = m.Readout?.ToString() ?? "";
        }
        return metadata;
    }
}
