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

        CopyInto(graph, other, Map, prefix);
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

    /// <summary>
    /// Copies the initializers, nodes and value infos of <paramref name="source"/> into <paramref name="target"/>, every
    /// tensor name passed through <paramref name="rename"/> and every node name prefixed with <paramref name="nodePrefix"/>
    /// (inputs and outputs of the graphs are left to the caller).
    /// </summary>
    public static void CopyInto(GraphProto target, GraphProto source, Func<string, string> rename, string nodePrefix)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rename);
        foreach (var tensor in source.Initializer)
        {
            var copy = tensor.Clone();
            copy.Name = rename(tensor.Name);
            target.Initializer.Add(copy);
        }
        foreach (var node in source.Node)
        {
            var copy = node.Clone();
            copy.Name = nodePrefix + node.Name;
            for (int i = 0; i < copy.Input.Count; i++)
            {
                copy.Input[i] = rename(copy.Input[i]);
            }
            for (int i = 0; i < copy.Output.Count; i++)
            {
                copy.Output[i] = rename(copy.Output[i]);
            }
            target.Node.Add(copy);
        }
        foreach (var info in source.ValueInfo)
        {
            var copy = info.Clone();
            copy.Name = rename(info.Name);
            target.ValueInfo.Add(copy);
        }
    }
}
