using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace QGan.MLNet.Core.Json;

/// <summary>
/// Strict deserialization of the project's JSON input files (noise models, sweep configurations) with
/// System.Text.Json: <see cref="JsonSerializerOptions.Strict"/> (unknown and duplicated properties are errors,
/// required members must be present, null only where the type allows it, exact property names) plus comments.
/// Every failure becomes an <see cref="InvalidDataException"/> that names the source and the JSON path of the
/// offending value, in words rather than .NET type names: <c>device.json: $.qubits[0].t1_us is missing</c>,
/// <c>sweep.json: $.seeds[1] must be an integer, found string</c>. The range and consistency checks that
/// follow deserialization use <see cref="Error"/> so their messages read the same way.
/// </summary>
public static class StrictJson
{
    /// <summary>The options every strict reader uses (property names are given by <c>[JsonPropertyName]</c>).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerOptions.Strict)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Deserializes <paramref name="json"/> into <typeparamref name="T"/>; failures name <paramref name="source"/> and the JSON path.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">What the text is (a file path), for messages.</param>
    /// <param name="renamedKeys">Former property names and what replaced them, for a clearer message than "not a known field".</param>
    public static T Deserialize<T>(string json, string source, IReadOnlyDictionary<string, string>? renamedKeys = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw Error(source, "$", "must be an object, found null");
        }
        catch (JsonException ex)
        {
            throw Translate(ex, typeof(T), source, "$", renamedKeys);
        }
    }

    /// <summary>Deserializes one value of a document already parsed, found at <paramref name="path"/> (used for values of more than one shape).</summary>
    public static T Deserialize<T>(JsonElement element, string source, string path)
    {
        try
        {
            return element.Deserialize<T>(Options) ?? throw Error(source, path, "must not be null");
        }
        catch (JsonException ex)
        {
            throw Translate(ex, typeof(T), source, path, null);
        }
    }

    private const string PathKey = "QGan.Json.Path";
    private const string ProblemKey = "QGan.Json.Problem";

    /// <summary>
    /// An error about the value at <paramref name="path"/>: <c>"{source}: {path} {problem}"</c> (without the path for
    /// syntax errors). The path and the problem travel in <see cref="Exception.Data"/> for <see cref="TryGetLocation"/>.
    /// </summary>
    public static InvalidDataException Error(string source, string path, string problem, Exception? inner = null)
    {
        var ex = new InvalidDataException(string.IsNullOrEmpty(path) ? $"{source}: {problem}" : $"{source}: {path} {problem}", inner);
        ex.Data[PathKey] = path;
        ex.Data[ProblemKey] = problem;
        return ex;
    }

    /// <summary>The JSON path and the problem of an error made by <see cref="Error"/> (so a caller can re-word or re-type it).</summary>
    public static bool TryGetLocation(Exception ex, out string path, out string problem)
    {
        ArgumentNullException.ThrowIfNull(ex);
        path = ex.Data[PathKey] as string ?? "";
        problem = ex.Data[ProblemKey] as string ?? "";
        return ex.Data.Contains(ProblemKey);
    }

    private static InvalidDataException Translate(JsonException ex, Type root, string source, string prefix, IReadOnlyDictionary<string, string>? renamedKeys)
    {
        var relative = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var path = prefix + relative[1..];
        var message = ex.Message;
        if (ex.InnerException?.GetType().Name == "JsonReaderException")
        {
            return Error(source, "", $"not valid JSON: {ex.InnerException.Message}", ex);
        }
        if (Between(message, "missing required properties including: ", ".") is { } missing)
        {
            var names = missing.Split(", ").Select(n => n.Trim('\'')).ToArray();
            return Error(source, $"{path}.{names[0]}", names.Length == 1 ? "is missing" : $"is missing (and {string.Join(", ", names[1..])})", ex);
        }
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = relative[(Math.Max(relative.LastIndexOf('.'), 0) + 1)..];
            if (renamedKeys is not null && renamedKeys.TryGetValue(name, out var replacement))
            {
                return Error(source, path, $"was renamed: use {replacement}", ex);
            }
            var known = TypeAt(root, Parent(relative)) is { } parent ? KnownNames(parent) : [];
            return Error(source, path, known.Length > 0 ? $"is not a known field (expected {string.Join(", ", known)})" : "is not a known field", ex);
        }
        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return Error(source, path, "is given twice", ex);
        }
        if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal))
        {
            return Error(source, path, "must not be null", ex);
        }
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var expected = TypeAt(root, relative) is { } type ? Describe(type) : "a value of another type";
            var found = Between(ex.InnerException?.Message ?? "", "token type '", "'") is { } token ? $", found {token.ToLowerInvariant()}" : "";
            if (ex.InnerException is FormatException or OverflowException)
            {
                found = ", found a number outside its range or with a fraction";
            }
            return Error(source, path, $"must be {expected}{found}", ex);
        }
        return Error(source, path, message, ex);
    }

    private static string? Between(string text, string start, string end)
    {
        var i = text.IndexOf(start, StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }
        i += start.Length;
        var j = text.IndexOf(end, i, StringComparison.Ordinal);
        return j < 0 ? text[i..] : text[i..j];
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    /// <summary>The .NET type a JSON path leads to from <paramref name="root"/> (null when the path leaves the model).</summary>
    private static Type? TypeAt(Type root, string path)
    {
        var type = root;
        var rest = path.StartsWith('$') ? path[1..] : path;
        while (rest.Length > 0)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (rest[0] == '[')
            {
                var close = rest.IndexOf(']');
                if (close < 0 || ElementType(type) is not { } element)
                {
                    return null;
                }
                type = element;
                rest = rest[(close + 1)..];
            }
            else if (rest[0] == '.')
            {
                rest = rest[1..];
                var end = rest.IndexOfAny(['.', '[']);
                var name = end < 0 ? rest : rest[..end];
                rest = end < 0 ? "" : rest[end..];
                var info = Options.GetTypeInfo(type);
                var property = info.Properties.FirstOrDefault(p => p.Name == name);
                if (property is null)
                {
                    return null;
                }
                type = property.PropertyType;
            }
            else
            {
                return null;
            }
        }
        return type;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static string[] KnownNames(Type type) =>
        Options.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Object } info ? info.Properties.Select(p => p.Name).ToArray() : [];

    private static string Describe(Type type)
    {
        var (noun, detail) = Noun(type);
        return $"{(noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {noun}{detail}";
    }

    /// <summary>What a JSON value of <paramref name="type"/> is called, and a detail such as its range.</summary>
    private static (string Noun, string Detail) Noun(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return ("number", "");
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) ||
            type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte))
        {
            return ("integer", $" in {type.GetField("MinValue")!.GetValue(null)}..{type.GetField("MaxValue")!.GetValue(null)}");
        }
        if (type == typeof(string))
        {
            return ("string", "");
        }
        if (type == typeof(bool))
        {
            return ("boolean", " (true or false)");
        }
        if (type.IsEnum)
        {
            return ("string", $" ({string.Join(", ", Enum.GetNames(type).Select(n => $"\"{n}\""))})");
        }
        if (typeof(IEnumerable).IsAssignableFrom(type) && ElementType(type) is { } element)
        {
            var (noun, detail) = Noun(element);
            return ("array", $" of {noun}s{detail}");
        }
        return ("object", "");
    }
}
