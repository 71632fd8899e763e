using System.Numerics;

namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>
/// A Python <c>dict</c> or <c>collections.OrderedDict</c> read from a pickle: entries in insertion order (a later
/// write to a key replaces its value in place, as in Python). Attributes restored by <c>BUILD</c> (the
/// <c>_metadata</c> that <c>Module.state_dict()</c> attaches) are kept apart from the entries.
/// </summary>
internal sealed class PickleDict
{
    private readonly Dictionary<object, int> _index = [];
    private readonly List<KeyValuePair<object, object?>> _entries = [];

    public IReadOnlyList<KeyValuePair<object, object?>> Entries => _entries;

    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);

    public void Set(object key, object? value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            _entries[i] = new(key, value);
            return;
        }
        _index[key] = _entries.Count;
        _entries.Add(new(key, value));
    }

    /// <summary>Python-flavoured name of a value's type, for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long or BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        object?[] => "tuple",
        List<object?> => "list",
        PickleDict => "dict",
        _ => value.GetType().Name,
    };
}
