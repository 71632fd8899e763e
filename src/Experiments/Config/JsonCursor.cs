using System.Text.Json;

namespace QGan.MLNet.Experiments.Config;

/// <summary>
/// Strict reading of one JSON object of a config: every error names its JSON path, unknown keys are rejected,
/// and numbers must have the right type and range.
/// </summary>
internal sealed class JsonCursor
{
    private readonly JsonElement _element;
    private readonly string _source;

    public JsonCursor(JsonElement element, string path, string source, params string[] allowedKeys)
    {
        _source = source;
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"expected an object, found {Describe(element)}");
        }
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowedKeys, property.Name) < 0)
            {
                throw Error(Child(property.Name), $"unknown key (allowed: {string.Join(", ", allowedKeys)})");
            }
        }
        _element = element;
    }

    public string Path { get; }

    public string Source => _source;

    public string Child(string key) => $"{Path}.{key}";

    public bool Has(string key) => _element.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement? Get(string key) => Has(key) ? _element.GetProperty(key) : null;

    public JsonCursor Object(string key, params string[] allowedKeys)
    {
        var value = Get(key) ?? throw Error(Child(key), "missing (required)");
        return new JsonCursor(value, Child(key), _source, allowedKeys);
    }

    public JsonCursor? OptionalObject(string key, params string[] allowedKeys) =>
        Has(key) ? new JsonCursor(_element.GetProperty(key), Child(key), _source, allowedKeys) : null;

    public int Int(string key, int? fallback, int min, int max = int.MaxValue) => IntAt(Get(key), Child(key), fallback, min, max);

    public int? OptionalInt(string key, int min, int max = int.MaxValue) => Has(key) ? IntAt(Get(key), Child(key), null, min, max) : null;

    public long Long(string key, long fallback)
    {
        if (Get(key) is not JsonElement v)
        {
            return fallback;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var result))
        {
            throw Error(Child(key), $"expected an integer, found {Describe(v)}");
        }
        return result;
    }

    /// <summary>A finite number with <paramref name="accept"/> deciding the range (its message names the range).</summary>
    public double Number(string key, double fallback, Func<double, bool> accept, string range)
    {
        if (Get(key) is not JsonElement v)
        {
            return fallback;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw Error(Child(key), $"expected a number, found {Describe(v)}");
        }
        if (!accept(d))
        {
            throw Error(Child(key), $"must be {range}, got {d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        }
        return d;
    }

    public string? OptionalString(string key)
    {
        if (Get(key) is not JsonElement v)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            throw Error(Child(key), $"expected a non-empty string, found {Describe(v)}");
        }
        return v.GetString();
    }

    public IReadOnlyList<int> IntList(string key, int min)
    {
        var value = Get(key) ?? throw Error(Child(key), "missing (required)");
        return IntListAt(value, Child(key), min);
    }

    public IReadOnlyList<int> IntListAt(JsonElement value, string path, int min)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected a list of integers, found {Describe(value)}");
        }
        var list = new List<int>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            list.Add(IntAt(item, $"{path}[{i}]", null, min, int.MaxValue));
            i++;
        }
        if (list.Count == 0)
        {
            throw Error(path, "empty list (the grid needs at least one value)");
        }
        return list;
    }

    /// <summary>A number or a non-empty list of numbers, each accepted by <paramref name="accept"/>; null when the key is absent.</summary>
    public IReadOnlyList<double>? OptionalNumberList(string key, Func<double, bool> accept, string range)
    {
        if (Get(key) is not JsonElement v)
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number)
        {
            return [Number(key, double.NaN, accept, range)];
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Error(Child(key), $"expected a number or a list of numbers, found {Describe(v)}");
        }
        var list = new List<double>();
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            string path = $"{Child(key)}[{i++}]";
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                throw Error(path, $"expected a number, found {Describe(item)}");
            }
            if (!accept(d))
            {
                throw Error(path, $"must be {range}, got {d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            }
            list.Add(d);
        }
        if (list.Count == 0)
        {
            throw Error(Child(key), "empty list");
        }
        if (list.Distinct().Count() != list.Count)
        {
            throw Error(Child(key), "values must be distinct");
        }
        return list;
    }

    public bool Bool(string key, bool fallback)
    {
        if (Get(key) is not JsonElement v)
        {
            return fallback;
        }
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(Child(key), $"expected true or false, found {Describe(v)}"),
        };
    }

    /// <summary>The objects of a list (each checked against <paramref name="allowedKeys"/>); null when the key is absent.</summary>
    public IReadOnlyList<JsonCursor>? OptionalObjectList(string key, params string[] allowedKeys)
    {
        if (Get(key) is not JsonElement v)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Error(Child(key), $"expected a list of objects, found {Describe(v)}");
        }
        var list = new List<JsonCursor>();
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            string path = $"{Child(key)}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"expected an object, found {Describe(item)}");
            }
            list.Add(new JsonCursor(item, path, _source, allowedKeys));
        }
        if (list.Count == 0)
        {
            throw Error(Child(key), "empty list");
        }
        return list;
    }

    public SweepConfigException Error(string path, string problem) => new(_source, path, problem);

    private int IntAt(JsonElement? element, string path, int? fallback, int min, int max)
    {
        if (element is not JsonElement v)
        {
            return fallback ?? throw Error(path, "missing (required)");
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var l))
        {
            throw Error(path, $"expected an integer, found {Describe(v)}");
        }
        if (l < min || l > max)
        {
            string range = max == int.MaxValue ? $">= {min}" : $"in [{min}, {max}]";
            throw Error(path, $"must be {range}, got {l}");
        }
        return (int)l;
    }

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{v.GetString()}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {v.GetRawText()}",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };
}
