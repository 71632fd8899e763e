using QGan.MLNet.Transforms.Onnx;
using QGan.MLNet.Transforms.Onnx.Proto;
using QGan.MLNet.Transforms.Latent;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Appends an autoencoder decoder (its own ONNX model, input <c>latent</c>, output <c>image</c>) to a generator
/// graph whose output is <c>latent</c>: the decoder's nodes and initializers are copied with every internal value
/// renamed under <c>decoder/</c>, its input becomes the generator's <c>latent</c> output (which stays a graph
/// output) and its <c>image</c> becomes the second graph output.
/// </summary>
internal static class DecoderGraphAppender
{
    public const string Prefix = "decoder/";

    public static void Append(ModelProto generator, ModelProto decoder, string decoderSource)
    {
        var graph = generator.Graph;
        var decoderGraph = decoder.Graph;
        if (decoderGraph.Input.Count(i => decoderGraph.Initializer.All(t => t.Name != i.Name)) != 1 || decoderGraph.Output.Count != 1)
        {
            throw new InvalidDataException($"decoder model '{decoderSource}' must have exactly one input and one output.");
        }
        if (graph.Output.Count != 1 || graph.Output[0].Name != LatentTensorNames.Latent)
        {
            throw new InvalidOperationException("the generator graph must have the single output 'latent'.");
        }
        foreach (var import in decoder.OpsetImport)
        {
            if (!string.IsNullOrEmpty(import.Domain))
            {
                throw new NotSupportedException($"decoder model '{decoderSource}' uses the operator domain '{import.Domain}'; only the default ONNX domain can be merged.");
            }
        }

        string Map(string name) => name.Length == 0 || name == LatentTensorNames.Latent || name == LatentTensorNames.Image ? name : Prefix + name;

        OnnxGraphComposer.CopyInto(graph, decoderGraph, Map, Prefix);
        graph.Output.Add(decoderGraph.Output[0].Clone());

        long opset = Math.Max(generator.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain)).Select(o => o.Version).DefaultIfEmpty(13).Max(),
            decoder.OpsetImport.Select(o => o.Version).DefaultIfEmpty(13).Max());
        generator.OpsetImport.Clear();
        generator.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        generator.IrVersion = Math.Max(generator.IrVersion, decoder.IrVersion);
    }
}
