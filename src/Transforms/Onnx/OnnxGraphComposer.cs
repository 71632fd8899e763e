using QGan.MLNet.Transforms.Onnx.Proto;

namespace QGan.MLNet.Transforms.Onnx;

/// <summary>Joins two ONNX models into one: the second runs on an output of the first.</summary>
public static class OnnxGraphComposer
{
    /// <summary>
    /// A model computing <paramref name="second"/> on the output <paramref name="link"/> of <paramref name="first"/>:
    /// the first model's input becomes the composed input, the second model's outputs the composed outputs (the link is
    /// also kept as an output when <paramref name="keepLink"/>). Every internal name of the second model is prefixed with
    /// <paramref name="prefix"/>; its input must be named <paramref name="link"/>. Opsets are merged (the higher version
    /// of each domain), so both models must mean the same by their operators at that version.
    /// </summary>
    /// <exception cref="ArgumentException">The first model has no output <paramref name="link"/>, or the second has not exactly one input.</exception>
    public static ModelProto Compose(ModelProto first, ModelProto second, string link, string prefix, bool keepLink = false)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var model = first.Clone();
        var graph = model.Graph;
        var linkOutput = graph.Output.FirstOrDefault(o => o.Name == link)
            ?? throw new ArgumentException($"the first model has no output '{link}' (outputs: {string.Join(", ", graph.Output.Select(o => o.Name))})", nameof(link));
        var other = second.Graph;
        var initializers = other.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = other.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        if (inputs.Count != 1 || inputs[0].Name != link)
        {
            throw new ArgumentException($"the second model must have the single input '{link}', it has {string.Join(", ", inputs.Select(i => i.Name))}", nameof(second));
        }
        var outputs = other.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        string Map(string name) => name.Length == 0 || name == link || outputs.Contains(name) ? name : prefix + name;

        foreach (var tensor in other.Initializer)
        {
            var copy = tensor.Clone();
            copy.Name = Map(tensor.Name);
            graph.Initializer.Add(copy);
        }
        foreach (var node in other.Node)
        {
            var copy = node.Clone();
            copy.Name = prefix + node.Name;
            for (int i = 0; i < copy.Input.Count; i++)
            {
                copy.Input[i] = Map(copy.Input[i]);
            }
            for (int i = 0; i < copy.Output.Count; i++)
            {
                copy.Output[i] = Map(copy.Output[i]);
            }
            graph.Node.Add(copy);
        }
        foreach (var info in other.ValueInfo)
        {
            var copy = info.Clone();
            copy.Name = Map(info.Name);
            graph.ValueInfo.Add(copy);
        }
        if (!keepLink)
        {
            graph.Output.Remove(linkOutput);
            graph.ValueInfo.Add(linkOutput);
        }
        graph.Output.AddRange(other.Output.Select(o => o.Clone()));

        var opsets = model.OpsetImport.Concat(second.OpsetImport)
            .GroupBy(o => o.Domain ?? "")
            .Select(g => new OperatorSetIdProto { Domain = g.Key, Version = g.Max(o => o.Version) })
            .ToList();
        model.OpsetImport.Clear();
        model.OpsetImport.AddRange(opsets);
        model.IrVersion = Math.Max(model.IrVersion, second.IrVersion);
        return model;
    }
}
