namespace QGan.MLNet.Trainers.Onnx;

/// <summary>
/// A module of the exported network has no ONNX converter, or is configured in a way the converter cannot
/// express. The message names the module path (e.g. <c>encoder.3</c>) and its type.
/// </summary>
public sealed class UnsupportedModuleException : NotSupportedException
{
    /// <summary>The module at <paramref name="modulePath"/> of <paramref name="moduleType"/> cannot be exported: <paramref name="reason"/>.</summary>
    public UnsupportedModuleException(string modulePath, Type moduleType, string reason)
        : base($"Cannot export module '{modulePath}' ({moduleType.FullName}) to ONNX: {reason}")
    {
        ModulePath = modulePath;
        ModuleType = moduleType;
    }

    /// <summary>Path of the module in the tree (e.g. <c>encoder.3</c>).</summary>
    public string ModulePath { get; }

    /// <summary>Type of the module.</summary>
    public Type ModuleType { get; }
}
