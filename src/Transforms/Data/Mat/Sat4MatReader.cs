namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>
/// Reads SAT-4 as distributed (<c>sat-4-full.mat</c>, MAT v5, plain or compressed, either byte order):
/// <list type="bullet">
/// <item><c>train_x</c>/<c>test_x</c>: 28x28x4xN uint8, column-major (element (r, c, ch, i) at r + 28c + 784ch + 3136i);
/// streamed patch by patch into one CHW byte store.</item>
/// <item><c>train_y</c>/<c>test_y</c>: one-hot labels, 4xN double or Nx4 uint8 (detected by dimensions, then class).</item>
/// <item><c>annotations</c>: class names (cell of strings or char matrix), reported in <see cref="Sat4DataSet.Annotations"/>.</item>
/// </list>
/// </summary>
public static class Sat4MatReader
{
    private const string AnnotationsVariable = "annotations";

    /// <summary>Reads every split in the file, or only <paramref name="split"/> (<c>train</c>/<c>test</c>) when given.</summary>
    public static Sat4DataSet Read(string path, string? split = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path, split);
    }

    /// <summary>Reads from a seekable stream; <paramref name="file"/> names it in error messages.</summary>
    public static Sat4DataSet Read(Stream stream, string file, string? split = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string[] wanted = split is null ? [Sat4Schema.TrainSplit, Sat4Schema.TestSplit] : [split];
        var patches = new Dictionary<string, (byte[] Pixels, int Count)>();
        var labels = new Dictionary<string, int[]>();
        var seen = new List<string>();
        IReadOnlyList<IReadOnlyList<string>>? annotations = null;

        var header = MatV5File.ReadVariables(stream, file, variable =>
        {
            if (seen.Contains(variable.Name))
            {
                throw DataErrors.Invalid(file, variable.Name, "variable appears twice in the file");
            }
            seen.Add(variable.Name);
            foreach (var name in wanted)
            {
                if (variable.Name == name + "_x")
                {
                    patches[name] = ReadPatches(variable, file);
                    return;
                }
                if (variable.Name == name + "_y")
                {
                    labels[name] = ReadLabels(variable, file);
                    return;
                }
            }
            if (variable.Name == AnnotationsVariable)
            {
                annotations = MatStrings.Read(variable);
            }
        });

        var splits = new List<Sat4Split>();
        foreach (var name in wanted)
        {
            var hasX = patches.TryGetValue(name, out var x);
            var hasY = labels.TryGetValue(name, out var y);
            if (!hasX && !hasY)
            {
                continue;
            }
            if (!hasX)
            {
                throw DataErrors.Invalid(file, name + "_x", $"missing variable (the file has {name}_y; variables: {string.Join(", ", seen)})");
            }
            if (!hasY)
            {
                throw DataErrors.Invalid(file, name + "_y", $"missing variable (the file has {name}_x; variables: {string.Join(", ", seen)})");
            }
            if (y!.Length != x.Count)
            {
                throw DataErrors.Invalid(file, name + "_y", $"{y.Length} labels but {name}_x holds {x.Count} patches");
            }
            splits.Add(new Sat4Split(name, x.Pixels, y));
        }
        if (splits.Count == 0)
        {
            var expected = string.Join(", ", wanted.Select(w => w + "_x"));
            throw DataErrors.Invalid(file, expected, $"missing variable (variables in the file: {(seen.Count == 0 ? "none" : string.Join(", ", seen))})");
        }
        return new Sat4DataSet(splits, annotations, $"MAT v5 ({(header.BigEndian ? "big" : "little")}-endian)");
    }

    private static (byte[] Pixels, int Count) ReadPatches(MatVariable variable, string file)
    {
        var h = variable.Header;
        var dims = h.Dims;
        var shapeOk = dims.Length is 3 or 4 && dims[0] == Sat4Schema.Height && dims[1] == Sat4Schema.Width
            && dims[2] == Sat4Schema.Channels;
        if (!shapeOk || h.IsComplex || !MatTypeInfo.IsNumeric(h.Class))
        {
            throw DataErrors.Invalid(file, h.Name, $"array is {h.Describe()}, expected 28x28x4xN uint8");
        }
        var count = dims.Length == 4 ? dims[3] : 1;
        if ((long)count * Sat4Schema.PixelCount > Array.MaxLength)
        {
            throw DataErrors.Invalid(file, h.Name, $"{count} patches exceed the largest single byte store ({Array.MaxLength / Sat4Schema.PixelCount} patches)");
        }

        var tag = variable.ReadDataTag();
        var elementSize = MatTypeInfo.ElementSize(tag.Type);
        if (!MatTypeInfo.IsNumeric(tag.Type))
        {
            throw DataErrors.Invalid(file, h.Name, $"pixel data stored as {tag.Type}, not a numeric type");
        }
        var expectedBytes = (long)count * Sat4Schema.PixelCount * elementSize;
        if (tag.ByteCount != expectedBytes)
        {
            throw DataErrors.Invalid(file, h.Name, $"pixel data holds {tag.ByteCount} bytes but {h.DimsText} {tag.Type} needs {expectedBytes}");
        }

        var pixels = new byte[(long)count * Sat4Schema.PixelCount];
        const int patchesPerChunk = 256;
        var raw = new byte[Math.Min(count, patchesPerChunk) * Sat4Schema.PixelCount * elementSize];
        var values = tag.Type == MatDataType.UInt8 ? null : new double[Math.Min(count, patchesPerChunk) * Sat4Schema.PixelCount];
        var patchBytes = new byte[Sat4Schema.PixelCount];
        for (var first = 0; first < count; first += patchesPerChunk)
        {
            var n = Math.Min(patchesPerChunk, count - first);
            var chunk = raw.AsSpan(0, n * Sat4Schema.PixelCount * elementSize);
            variable.Reader.ReadExactly(chunk);
            for (var p = 0; p < n; p++)
            {
                ReadOnlySpan<byte> source;
                if (values is null)
                {
                    source = chunk.Slice(p * Sat4Schema.PixelCount, Sat4Schema.PixelCount);
                }
                else
                {
                    // Rare: pixels stored in a wider type. Every value must still be an integer 0..255.
                    var v = values.AsSpan(0, Sat4Schema.PixelCount);
                    MatNumericDecoder.ToDoubles(chunk.Slice(p * Sat4Schema.PixelCount * elementSize, Sat4Schema.PixelCount * elementSize),
                        tag.Type, variable.Reader.BigEndian, v);
                    for (var k = 0; k < v.Length; k++)
                    {
                        if (v[k] is < 0 or > 255 || v[k] != Math.Floor(v[k]))
                        {
                            throw DataErrors.Invalid(file, h.Name, $"patch {first + p}: value {v[k]} is not an integer in 0..255");
                        }
                        patchBytes[k] = (byte)v[k];
                    }
                    source = patchBytes;
                }
                Sat4Layouts.ColumnMajorToChw(source, pixels.AsSpan((first + p) * Sat4Schema.PixelCount, Sat4Schema.PixelCount));
            }
        }
        variable.Reader.SkipPadding(tag);
        return (pixels, count);
    }

    private static int[] ReadLabels(MatVariable variable, string file)
    {
        var h = variable.Header;
        var dims = h.Dims;
        if (dims.Length != 2 || h.IsComplex || !MatTypeInfo.IsNumeric(h.Class) || (dims[0] != Sat4Schema.ClassCount && dims[1] != Sat4Schema.ClassCount))
        {
            throw DataErrors.Invalid(file, h.Name, $"array is {h.Describe()}, expected one-hot labels as 4xN double or Nx4 uint8");
        }
        // 4xN (as distributed, double) unless only Nx4 fits; for a 4x4 array the class decides (uint8 means Nx4).
        var classesInRows = dims[0] == Sat4Schema.ClassCount && (dims[1] != Sat4Schema.ClassCount || h.Class != MatArrayClass.UInt8);
        var count = classesInRows ? dims[1] : dims[0];

        var tag = variable.ReadDataTag();
        var elementSize = MatTypeInfo.ElementSize(tag.Type);
        if (!MatTypeInfo.IsNumeric(tag.Type))
        {
            throw DataErrors.Invalid(file, h.Name, $"label data stored as {tag.Type}, not a numeric type");
        }
        var total = (long)count * Sat4Schema.ClassCount;
        if (tag.ByteCount != total * elementSize)
        {
            throw DataErrors.Invalid(file, h.Name, $"label data holds {tag.ByteCount} bytes but {h.DimsText} {tag.Type} needs {total * elementSize}");
        }
        var raw = new byte[tag.ByteCount];
        variable.Reader.ReadExactly(raw);
        variable.Reader.SkipPadding(tag);
        var values = new double[total];
        MatNumericDecoder.ToDoubles(raw, tag.Type, variable.Reader.BigEndian, values);

        var result = new int[count];
        Span<double> row = stackalloc double[Sat4Schema.ClassCount];
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < Sat4Schema.ClassCount; k++)
            {
                row[k] = classesInRows ? values[k + Sat4Schema.ClassCount * i] : values[i + (long)count * k];
            }
            result[i] = OneHot.Decode(row) ?? throw DataErrors.Invalid(file, h.Name,
                $"patch {i}: labels [{string.Join(", ", row.ToArray())}] are not one-hot");
        }
        return result;
    }
}
