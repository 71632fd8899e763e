using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace QGan.MLNet.Cli.Tests.NativeLifetimes;

/// <summary>
/// The calls in the IL of one compiled assembly (System.Reflection.Metadata, no extra package): for every method
/// body, each <c>call</c>, <c>callvirt</c>, <c>newobj</c> and <c>ldftn</c> target, named as
/// <c>Namespace.Type/Nested::Name(ParameterTypes)</c> (generic instantiations erased, so a reference matches its
/// definition in another assembly), and the source line of the call from the portable PDB beside the assembly.
/// Also the base type and the declared method names of every type the assembly defines.
/// </summary>
internal sealed class IlCallGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields().Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private IlCallGraph(
        string name, IReadOnlyDictionary<string, IReadOnlyList<IlCall>> calls,
        IReadOnlyDictionary<string, string?> baseTypes, IReadOnlyDictionary<string, IReadOnlyList<string>> methodsByType)
    {
        Name = name;
        Calls = calls;
        BaseTypes = baseTypes;
        MethodsByType = methodsByType;
    }

    /// <summary>File name of the assembly without extension.</summary>
    public string Name { get; }

    /// <summary>Method key -&gt; the calls in its body, in IL order (methods without a body are absent).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IlCall>> Calls { get; }

    /// <summary>Type defined here -&gt; its base type (null for none).</summary>
    public IReadOnlyDictionary<string, string?> BaseTypes { get; }

    /// <summary>Type defined here -&gt; the keys of the methods it declares.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MethodsByType { get; }

    public static IlCallGraph Read(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var names = new TypeNames(metadata);
        var pdb = OpenPdb(Path.ChangeExtension(assemblyPath, ".pdb"));
        var calls = new Dictionary<string, IReadOnlyList<IlCall>>();
        var baseTypes = new Dictionary<string, string?>();
        var methodsByType = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(typeHandle);
            var typeName = TypeNames.Name(metadata, typeHandle);
            baseTypes[typeName] = type.BaseType.IsNil ? null : names.Name(type.BaseType);
            var methods = new List<string>();
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                var key = Key(metadata, names, methodHandle);
                methods.Add(key);
                if (method.RelativeVirtualAddress != 0)
                {
                    calls[key] = ReadCalls(pe, metadata, names, pdb?.GetMetadataReader(), methodHandle, method.RelativeVirtualAddress);
                }
            }
            methodsByType[typeName] = methods;
        }
        pdb?.Dispose();
        return new IlCallGraph(Path.GetFileNameWithoutExtension(assemblyPath), calls, baseTypes, methodsByType);
    }

    /// <summary>The method name of a key (<c>Type::name(...)</c> -&gt; <c>name</c>).</summary>
    public static string MethodName(string key) => key[(key.IndexOf("::", StringComparison.Ordinal) + 2)..key.IndexOf('(', key.IndexOf("::", StringComparison.Ordinal))];

    /// <summary>The declaring type of a key.</summary>
    public static string DeclaringType(string key) => key[..key.IndexOf("::", StringComparison.Ordinal)];

    private static MetadataReaderProvider? OpenPdb(string path) =>
        File.Exists(path) ? MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(path)) : null;

    private static List<IlCall> ReadCalls(
        PEReader pe, MetadataReader metadata, TypeNames names, MetadataReader? pdb, MethodDefinitionHandle handle, int rva)
    {
        var il = pe.GetMethodBody(rva).GetILBytes().AsSpan();
        var found = new List<(int Offset, OpCode OpCode, string Callee, string ReturnType)>();
        int i = 0;
        while (i < il.Length)
        {
            int start = i;
            short value = il[i++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[i++]);
            }
            var op = OpCodesByValue[value];
            if (op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Newobj || op == OpCodes.Ldftn)
            {
                var target = Resolve(metadata, names, MetadataTokens.EntityHandle(BitConverter.ToInt32(il[i..])));
                if (target is { } t)
                {
                    found.Add((start, op, t.Key, t.ReturnType));
                }
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il[i..]),
                _ => 4,
            };
        }
        var points = pdb is null ? [] : pdb.GetMethodDebugInformation(handle).GetSequencePoints().Where(p => !p.IsHidden).ToList();
        return found.Select(f => new IlCall(f.Callee, f.ReturnType, f.OpCode == OpCodes.Newobj, Location(pdb, points, f.Offset))).ToList();
    }

    private static string Location(MetadataReader? pdb, List<SequencePoint> points, int offset)
    {
        var point = points.LastOrDefault(p => p.Offset <= offset);
        if (pdb is null || point.Document.IsNil)
        {
            return "?";
        }
        var file = pdb.GetString(pdb.GetDocument(point.Document).Name).Replace('\\', '/');
        int src = file.LastIndexOf("/src/", StringComparison.Ordinal);
        int tests = file.LastIndexOf("/tests/", StringComparison.Ordinal);
        int cut = Math.Max(src, tests);
        return (cut >= 0 ? file[(cut + 1)..] : Path.GetFileName(file)) + ":" + point.StartLine;
    }

    private static string Key(MetadataReader metadata, TypeNames names, MethodDefinitionHandle handle)
    {
        var method = metadata.GetMethodDefinition(handle);
        var signature = method.DecodeSignature(names, null);
        return $"{TypeNames.Name(metadata, method.GetDeclaringType())}::{metadata.GetString(method.Name)}({string.Join(",", signature.ParameterTypes)})";
    }

    private static (string Key, string ReturnType)? Resolve(MetadataReader metadata, TypeNames names, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                var definition = (MethodDefinitionHandle)handle;
                return (Key(metadata, names, definition), metadata.GetMethodDefinition(definition).DecodeSignature(names, null).ReturnType);
            case HandleKind.MemberReference:
                var reference = metadata.GetMemberReference((MemberReferenceHandle)handle);
                if (reference.GetKind() != MemberReferenceKind.Method)
                {
                    return null;
                }
                var signature = reference.DecodeMethodSignature(names, null);
                return ($"{names.Name(reference.Parent)}::{metadata.GetString(reference.Name)}({string.Join(",", signature.ParameterTypes)})", signature.ReturnType);
            case HandleKind.MethodSpecification:
                return Resolve(metadata, names, metadata.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
            default:
                return null;
        }
    }

    /// <summary>Type names as the keys use them: namespace-qualified, nested types after '/', instantiations erased.</summary>
    private sealed class TypeNames(MetadataReader metadata) : ISignatureTypeProvider<string, object?>
    {
        public string Name(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => Name(metadata, (TypeDefinitionHandle)handle),
            HandleKind.TypeReference => Name(metadata, (TypeReferenceHandle)handle),
            HandleKind.TypeSpecification => metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
            _ => "?",
        };

        public static string Name(MetadataReader reader, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            var declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return Name(reader, declaring) + "/" + name;
            }
            var ns = reader.GetString(type.Namespace);
            return ns.Length > 0 ? ns + "." + name : name;
        }

        public static string Name(MetadataReader reader, TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return Name(reader, (TypeReferenceHandle)type.ResolutionScope) + "/" + name;
            }
            var ns = reader.GetString(type.Namespace);
            return ns.Length > 0 ? ns + "." + name : name;
        }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Name(reader, handle);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Name(reader, handle);
        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}

/// <summary>One call in a method body: the target's key and return type, whether it constructs, and where.</summary>
internal sealed record IlCall(string Callee, string ReturnType, bool Constructs, string Location);
