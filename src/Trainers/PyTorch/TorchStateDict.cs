using System.Collections;
using System.IO.Compression;

namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>
/// A PyTorch state dict read from a file that <c>torch.save(module.state_dict(), path)</c> wrote: the tensors by
/// key, in the file's order. Both container formats are read (<see cref="TorchSaveFormat"/>), and either may be
/// gzipped. Nothing in the file is executed: the pickle is read by a restricted reader that only knows tensors and
/// dictionaries (see <see cref="PickleMachine"/>), and every error names the file and what is wrong with it.
/// </summary>
/// <remarks>
/// Why not TorchSharp.PyBridge (1.4.4, the NuGet package for loading PyTorch files into TorchSharp): its
/// <c>PyTorchUnpickler.UnpickleStateDict</c> reads the zip format only (it throws NotImplementedException for a
/// legacy file, and pytorch-fid's published weights are legacy files), needs a seekable stream, and registers its
/// object constructors in Razorvine.Pickle's process-wide static table. torch.save's use of pickle is small enough
/// to read directly: a few dozen opcodes, five globals and the two container layouts.
/// </remarks>
public sealed class TorchStateDict : IReadOnlyDictionary<string, TorchTensorData>
{
    /// <summary>Files larger than one .NET array (about 2 GiB, after gunzip) are refused.</summary>
    public static long MaxFileBytes => Array.MaxLength;

    private readonly Dictionary<string, TorchTensorData> _tensors;
    private readonly string[] _keys;

    private TorchStateDict(string source, TorchSaveFormat format, bool gzipped, IReadOnlyList<KeyValuePair<string, TorchTensorData>> tensors)
    {
        Source = source;
        Format = format;
        Gzipped = gzipped;
        _keys = tensors.Select(t => t.Key).ToArray();
        _tensors = new Dictionary<string, TorchTensorData>(tensors, StringComparer.Ordinal);
    }

    /// <summary>The file (or name) the state dict was read from.</summary>
    public string Source { get; }

    /// <summary>The container format of the file.</summary>
    public TorchSaveFormat Format { get; }

    /// <summary>True when the file was gzip-compressed around the torch.save container.</summary>
    public bool Gzipped { get; }

    /// <summary>Reads a state dict from <paramref name="path"/> (zip or legacy format, optionally gzipped).</summary>
    public static TorchStateDict Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: weights file not found.", path);
        }
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new InvalidDataException($"{path}: {length} bytes, larger than the {MaxFileBytes} bytes a state dict file may have here.");
        }
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a state dict from the bytes of a file; <paramref name="source"/> names it in errors.</summary>
    public static TorchStateDict Read(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(source);
        var gzipped = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]);
        if (gzipped)
        {
            bytes = Gunzip(bytes, source);
        }
        (object? Root, Func<TorchStorageRef, byte[]> ReadStorage) content;
        TorchSaveFormat format;
        if (TorchZipFormat.Matches(bytes))
        {
            format = TorchSaveFormat.Zip;
            content = TorchZipFormat.Read(bytes, source);
        }
        else if (TorchLegacyFormat.Matches(bytes))
        {
            format = TorchSaveFormat.Legacy;
            content = TorchLegacyFormat.Read(bytes, source);
        }
        else
        {
            throw new InvalidDataException(
                $"{source}: not a file written by torch.save (neither its zip format nor its legacy pickle format{(gzipped ? ", inside the gzip" : "")}).");
        }
        return new TorchStateDict(source, format, gzipped, Tensors(content.Root, content.ReadStorage, source));
    }

    private static List<KeyValuePair<string, TorchTensorData>> Tensors(object? root, Func<TorchStorageRef, byte[]> readStorage, string source)
    {
        if (root is not PickleDict dict)
        {
            throw new InvalidDataException($"{source}: holds a Python {TorchPickle.Text(root)}, not a state dict (a dict of tensor names to tensors).");
        }
        if (dict.Entries.Count == 0)
        {
            throw new InvalidDataException($"{source}: the state dict is empty.");
        }
        var storageCache = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var tensors = new List<KeyValuePair<string, TorchTensorData>>(dict.Entries.Count);
        foreach (var (key, value) in dict.Entries)
        {
            if (key is not string name)
            {
                throw new InvalidDataException($"{source}: a state dict key is a Python {TorchPickle.Text(key)} ({key}), not a string.");
            }
            if (value is not TorchTensorRef reference)
            {
                var hint = value is PickleDict ? " It looks like a training checkpoint: save its model state dict alone." : "";
                throw new InvalidDataException($"{source}: key '{name}' holds a Python {TorchPickle.Text(value)}, not a tensor, so this is not a state dict.{hint}");
            }
            var storage = reference.Storage;
            if (!storageCache.TryGetValue(storage.Key, out var raw))
            {
                raw = storageCache[storage.Key] = readStorage(storage);
                if (raw.LongLength < storage.ElementCount * storage.DType.ElementSize())
                {
                    throw new InvalidDataException($"{source}: storage '{storage.Key}' has {raw.Length} bytes, fewer than its {storage.ElementCount} {storage.DType.TorchName()} elements need.");
                }
            }
            tensors.Add(new(name, Materialize(name, reference, raw, source)));
        }
        return tensors;
    }

    /// <summary>Copies the strided elements of a tensor out of its storage into a contiguous row-major array.</summary>
    private static TorchTensorData Materialize(string name, TorchTensorRef tensor, byte[] storageBytes, string source)
    {
        var size = tensor.Size;
        var stride = tensor.Stride;
        if (size.Length != stride.Length || size.Any(s => s < 0))
        {
            throw new InvalidDataException($"{source}: tensor '{name}' has size ({string.Join(", ", size)}) and stride ({string.Join(", ", stride)}), which do not fit together.");
        }
        var storage = tensor.Storage;
        var elementSize = storage.DType.ElementSize();
        var count = size.Aggregate(1L, (a, b) => a * b);
        var start = storage.ViewOffset + tensor.Offset;
        if (count > 0)
        {
            var last = tensor.Offset;
            for (var d = 0; d < size.Length; d++)
            {
                last += (size[d] - 1) * stride[d];
            }
            if (last >= storage.ViewLength)
            {
                throw new InvalidDataException($"{source}: tensor '{name}' (offset {tensor.Offset}, size ({string.Join(", ", size)}), stride ({string.Join(", ", stride)})) reaches past the {storage.ViewLength} elements of its storage.");
            }
        }
        var bytes = new byte[count * elementSize];
        if (IsContiguous(size, stride))
        {
            Array.Copy(storageBytes, start * elementSize, bytes, 0, bytes.LongLength);
            return new TorchTensorData(storage.DType, size, bytes);
        }
        var index = new long[size.Length];
        for (long i = 0; i < count; i++)
        {
            var offset = start;
            for (var d = 0; d < size.Length; d++)
            {
                offset += index[d] * stride[d];
            }
            Array.Copy(storageBytes, offset * elementSize, bytes, i * elementSize, elementSize);
            for (var d = size.Length - 1; d >= 0 && ++index[d] == size[d]; d--)
            {
                index[d] = 0;
            }
        }
        return new TorchTensorData(storage.DType, size, bytes);
    }

    private static bool IsContiguous(long[] size, long[] stride)
    {
        var expected = 1L;
        for (var d = size.Length - 1; d >= 0; d--)
        {
            if (size[d] != 1 && stride[d] != expected)
            {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    private static byte[] Gunzip(byte[] bytes, string source)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = gzip.Read(buffer)) > 0)
            {
                if (output.Length + n > MaxFileBytes)
                {
                    throw new InvalidDataException($"{source}: decompresses to more than {MaxFileBytes} bytes.");
                }
                output.Write(buffer, 0, n);
            }
            return output.ToArray();
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException && !ex.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: the gzip data is corrupted or truncated ({ex.Message}).", ex);
        }
    }

    /// <summary>The tensor named <paramref name="key"/>; a missing key is an error naming the source.</summary>
    public TorchTensorData this[string key] => _tensors.TryGetValue(key, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"{Source}: no tensor '{key}'.");

    /// <summary>Keys in the file's order.</summary>
    public IEnumerable<string> Keys => _keys;

    /// <summary>Tensors in the file's order.</summary>
    public IEnumerable<TorchTensorData> Values => _keys.Select(k => _tensors[k]);

    /// <summary>Number of tensors.</summary>
    public int Count => _keys.Length;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _tensors.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TorchTensorData value) =>
        _tensors.TryGetValue(key, out value);

    /// <summary>Keys and tensors in the file's order.</summary>
    public IEnumerator<KeyValuePair<string, TorchTensorData>> GetEnumerator() =>
        _keys.Select(k => new KeyValuePair<string, TorchTensorData>(k, _tensors[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
