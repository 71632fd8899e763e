namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>
/// What the pickle of a <c>torch.save</c>d state dict may refer to, and what each reference means. The allow-list
/// is the one a state dict needs (tensors, parameters, storages, ordered dicts); anything else, such as a whole
/// pickled module (<c>torch.save(model)</c>), is refused by name instead of being imported.
/// </summary>
internal static class TorchPickle
{
    /// <summary>An allowed global: a callable or a type marker such as a storage class.</summary>
    internal sealed record Global(string Module, string Name)
    {
        public override string ToString() => $"{Module}.{Name}";
    }

    /// <summary>
    /// Runs the pickle at <paramref name="start"/> of <paramref name="data"/>. <paramref name="persistentLoad"/> maps
    /// the format's storage descriptor tuple to a <see cref="TorchStorageRef"/>.
    /// </summary>
    public static (object? Value, int End) Load(byte[] data, int start, string source, Func<object?[], TorchStorageRef> persistentLoad)
    {
        var machine = new PickleMachine(data, start, source,
            (module, name) => Resolve(module, name, source),
            (callable, args) => Call(callable, args, source),
            pid => persistentLoad(pid as object?[] ?? throw new InvalidDataException(
                $"{source}: a persistent id is a {PickleDict.Describe(pid)}, not torch's storage tuple.")),
            (target, state) => Build(target, state, source));
        var value = machine.Load();
        return (value, machine.Position);
    }

    /// <summary>The element type named by a storage class global (<c>torch.FloatStorage</c>).</summary>
    public static TorchDType StorageType(object? value, string source) =>
        value is Global { Module: "torch" } g && TorchDTypes.FromStorageName(g.Name) is { } dtype
            ? dtype
            : throw new InvalidDataException($"{source}: a storage has type {Text(value)}, not one of torch's storage classes (FloatStorage, LongStorage, ...).");

    /// <summary>A non-negative integer field of a storage descriptor.</summary>
    public static long Count(object? value, string what, string source) =>
        value is long n && n >= 0 ? n : throw new InvalidDataException($"{source}: {what} is {Text(value)}, not a non-negative integer.");

    public static string Text(object? value) => value is Global g ? g.ToString() : PickleDict.Describe(value);

    private static object Resolve(string module, string name, string source)
    {
        var allowed = (module, name) switch
        {
            ("collections", "OrderedDict") => true,
            ("torch._utils", "_rebuild_tensor" or "_rebuild_tensor_v2" or "_rebuild_parameter" or "_rebuild_parameter_with_state") => true,
            ("torch._tensor", "_rebuild_from_type_v2") => true,
            ("torch", "Tensor") or ("torch.nn.parameter", "Parameter") => true,
            ("torch", _) when TorchDTypes.FromStorageName(name) is not null => true,
            _ => false,
        };
        return allowed
            ? new Global(module, name)
            : throw new InvalidDataException(
                $"{source}: the pickle refers to '{module}.{name}', which is not part of a state dict (only a dict of tensors " +
                "is read, never arbitrary objects: save model.state_dict(), not the model).");
    }

    private static object? Call(object? callable, object?[] args, string source)
    {
        if (callable is not Global g)
        {
            throw new InvalidDataException($"{source}: the pickle calls a {Text(callable)}.");
        }
        switch (g.Name)
        {
            case "OrderedDict":
                return args.Length == 0
                    ? new PickleDict()
                    : throw new InvalidDataException($"{source}: OrderedDict is built with {args.Length} arguments; torch.save writes none.");
            case "_rebuild_tensor" or "_rebuild_tensor_v2":
                // (storage, storage_offset, size, stride[, requires_grad, backward_hooks[, metadata]])
                if (args.Length < 4 || args[0] is not TorchStorageRef storage)
                {
                    throw new InvalidDataException($"{source}: {g} is called with ({string.Join(", ", args.Select(Text))}), not (storage, offset, size, stride, ...).");
                }
                return new TorchTensorRef(storage, Count(args[1], "a storage offset", source), Dims(args[2], "size", source), Dims(args[3], "stride", source));
            case "_rebuild_parameter" or "_rebuild_parameter_with_state":
                // (data, requires_grad, backward_hooks[, state]): a Parameter is its data here.
                return args.Length >= 1 && args[0] is TorchTensorRef data
                    ? data
                    : throw new InvalidDataException($"{source}: {g} is not called with a tensor.");
            case "_rebuild_from_type_v2":
                // (func, new_type, args, state): plain tensors and parameters only.
                if (args.Length == 4 && args[0] is Global func && args[1] is Global { Name: "Tensor" or "Parameter" } && args[2] is object?[] inner)
                {
                    return Call(func, inner, source);
                }
                throw new InvalidDataException($"{source}: a tensor is rebuilt as {Text(args.ElementAtOrDefault(1))}; only torch.Tensor and Parameter are read.");
            default:
                throw new InvalidDataException($"{source}: the pickle calls {g}, which a state dict never does.");
        }
    }

    private static void Build(object? target, object? state, string source)
    {
        // OrderedDict: state is its __dict__, e.g. {'_metadata': ...} from Module.state_dict(); kept, not interpreted.
        if (target is PickleDict dict && state is PickleDict attributes)
        {
            foreach (var (key, value) in attributes.Entries)
            {
                dict.Attributes[key.ToString() ?? ""] = value;
            }
            return;
        }
        throw new InvalidDataException($"{source}: the pickle sets the state of a {Text(target)} from a {Text(state)}.");
    }

    private static long[] Dims(object? value, string what, string source) =>
        value is object?[] items && items.All(i => i is long)
            ? items.Select(i => (long)i!).ToArray()
            : throw new InvalidDataException($"{source}: a tensor's {what} is {Text(value)}, not a tuple of integers.");
}
