using System.Buffers.Binary;
using System.Numerics;

namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>
/// The legacy format of <c>torch.save</c> (before PyTorch 1.6, and <c>_use_new_zipfile_serialization=False</c>):
/// five things back to back. Pickles of the magic number 0x1950a86a20f9469cfc6c, the protocol version 1001 and a
/// system-info dict; the pickle of the object, whose storages are persistent ids
/// <c>('storage', storage_class, root_key, location, numel, view_metadata)</c>; a pickle of the sorted root keys;
/// then for each key its element count (int64, little-endian) followed by the raw elements.
/// </summary>
internal static class TorchLegacyFormat
{
    private static readonly BigInteger MagicNumber = BigInteger.Parse("119547037146038801333356", System.Globalization.CultureInfo.InvariantCulture);
    private const long ProtocolVersion = 1001;

    /// <summary>Every pickle of protocol 2 or later starts with the PROTO opcode.</summary>
    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.Length > 1 && bytes[0] == 0x80;

    public static (object? Root, Func<TorchStorageRef, byte[]> ReadStorage) Read(byte[] bytes, string source)
    {
        var (magic, position) = TorchPickle.Load(bytes, 0, source, _ => throw NotTorch(source));
        if (!(magic is long m ? m == MagicNumber : magic is BigInteger big && big == MagicNumber))
        {
            throw NotTorch(source);
        }
        (var protocol, position) = TorchPickle.Load(bytes, position, source, _ => throw NotTorch(source));
        if (protocol is not ProtocolVersion)
        {
            throw new InvalidDataException($"{source}: legacy torch.save protocol version {protocol ?? "None"}; only {ProtocolVersion} is read.");
        }
        (var systemInfo, position) = TorchPickle.Load(bytes, position, source, _ => throw NotTorch(source));
        if (systemInfo is PickleDict info && info.Entries.FirstOrDefault(e => e.Key is "little_endian").Value is false)
        {
            throw new InvalidDataException($"{source}: the tensors were saved on a big-endian machine; only little-endian files are read.");
        }

        var storages = new Dictionary<string, TorchStorageRef>(StringComparer.Ordinal);
        (var root, position) = TorchPickle.Load(bytes, position, source, pid => PersistentLoad(pid, storages, source));
        (var keyList, position) = TorchPickle.Load(bytes, position, source, _ => throw NotTorch(source));
        if (keyList is not List<object?> keys || keys.Any(k => k is not string))
        {
            throw new InvalidDataException($"{source}: the list of storage keys after the object is a {TorchPickle.Text(keyList)}, not a list of strings.");
        }

        // The raw storages follow in the order of the key list.
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in keys.Cast<string>())
        {
            if (!storages.TryGetValue(key, out var storage))
            {
                throw new InvalidDataException($"{source}: storage '{key}' is listed but no tensor uses it.");
            }
            if (bytes.Length - position < 8)
            {
                throw Truncated(source, key);
            }
            var count = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position, 8));
            position += 8;
            if (count != storage.ElementCount)
            {
                throw new InvalidDataException($"{source}: storage '{key}' holds {count} elements but the pickle declares {storage.ElementCount}.");
            }
            var length = count * storage.DType.ElementSize();
            if (length > bytes.Length - position)
            {
                throw Truncated(source, key);
            }
            data[key] = bytes.AsSpan(position, (int)length).ToArray();
            position += (int)length;
        }
        if (position != bytes.Length)
        {
            throw new InvalidDataException($"{source}: {bytes.Length - position} bytes follow the last storage; the file is corrupted.");
        }
        return (root, storage => data.TryGetValue(storage.Key, out var raw)
            ? raw
            : throw new InvalidDataException($"{source}: storage '{storage.Key}' is used by a tensor but missing from the file."));
    }

    private static TorchStorageRef PersistentLoad(object?[] pid, Dictionary<string, TorchStorageRef> storages, string source)
    {
        if (pid.Length != 6 || pid[0] is not "storage" || pid[2] is not string key)
        {
            throw new InvalidDataException($"{source}: a persistent id ({string.Join(", ", pid.Select(TorchPickle.Text))}) is not ('storage', class, key, location, numel, view).");
        }
        var dtype = TorchPickle.StorageType(pid[1], source);
        var count = TorchPickle.Count(pid[4], $"the element count of storage '{key}'", source);
        if (storages.TryGetValue(key, out var known) && (known.DType != dtype || known.ElementCount != count))
        {
            throw new InvalidDataException($"{source}: storage '{key}' is declared twice with different types or sizes.");
        }
        var root = storages[key] = new TorchStorageRef(key, dtype, count, 0, count);
        // view_metadata = (view_key, offset, view_size): a tensor on part of a shared storage (old PyTorch).
        if (pid[5] is object?[] { Length: 3 } view)
        {
            var offset = TorchPickle.Count(view[1], $"the view offset into storage '{key}'", source);
            var size = TorchPickle.Count(view[2], $"the view size of storage '{key}'", source);
            if (offset + size > count)
            {
                throw new InvalidDataException($"{source}: a view of storage '{key}' ({offset}+{size}) runs past its {count} elements.");
            }
            return root with { ViewOffset = offset, ViewLength = size };
        }
        return pid[5] is null
            ? root
            : throw new InvalidDataException($"{source}: the view of storage '{key}' is a {TorchPickle.Text(pid[5])}.");
    }

    private static InvalidDataException NotTorch(string source) =>
        new($"{source}: a pickle, but not one written by torch.save (no torch magic number).");

    private static InvalidDataException Truncated(string source, string key) =>
        new($"{source}: the file ends inside storage '{key}'; it is truncated.");
}
