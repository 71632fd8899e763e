namespace QGan.MLNet.Transforms.Data;

/// <summary>
/// A SAT-4 data set as read from one source: its splits (<c>train</c> and/or <c>test</c>), the class annotations the
/// source declares (the <c>annotations</c> cell of a .mat: per class a row such as <c>["BarrenLand", "barren land"]</c>),
/// and a description of the source format.
/// </summary>
public sealed class Sat4DataSet
{
    /// <summary>A data set of splits with optional per-class annotations; <paramref name="source"/> names where it came from.</summary>
    public Sat4DataSet(IReadOnlyList<Sat4Split> splits, IReadOnlyList<IReadOnlyList<string>>? annotations, string source)
    {
        ArgumentNullException.ThrowIfNull(splits);
        if (splits.Count == 0)
        {
            throw new ArgumentException("a data set needs at least one split.", nameof(splits));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var split in splits)
        {
            if (!names.Add(split.Name))
            {
                throw new ArgumentException($"split '{split.Name}' appears twice.", nameof(splits));
            }
        }
        Splits = splits;
        Annotations = annotations;
        Source = source;
    }

    /// <summary>Splits in canonical order (train before test).</summary>
    public IReadOnlyList<Sat4Split> Splits { get; }

    /// <summary>The annotation table declared by the source (one row per class), or null when the format has none.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Annotations { get; }

    /// <summary>The class names the source declares: the last column of each annotation row (null without annotations).</summary>
    public IReadOnlyList<string>? DeclaredClassNames => Annotations?.Select(row => row.Count == 0 ? "" : row[^1]).ToList();

    /// <summary>What was read, e.g. <c>MAT v5 (little-endian)</c>.</summary>
    public string Source { get; }

    /// <summary>The split named <paramref name="name"/> (error listing the splits when missing).</summary>
    public Sat4Split this[string name] => TryGetSplit(name) ??
        throw new KeyNotFoundException($"no split '{name}' (have: {string.Join(", ", Splits.Select(s => s.Name))}).");

    /// <summary>The split named <paramref name="name"/>, or null.</summary>
    public Sat4Split? TryGetSplit(string name) => Splits.FirstOrDefault(s => s.Name == name);

    /// <summary>True when the declared class names match <see cref="Sat4Schema.ClassNames"/> in order (or none are declared).</summary>
    public bool AnnotationsMatchSchema =>
        DeclaredClassNames is not { } declared || declared.Select(Normalize).SequenceEqual(Sat4Schema.ClassNames.Select(Normalize));

    private static string Normalize(string name) => name.Trim().Replace('_', ' ').ToLowerInvariant();
}
