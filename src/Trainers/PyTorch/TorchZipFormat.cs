using System.IO.Compression;

namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>
/// The zip format of <c>torch.save</c> (PyTorch 1.6 and later): <c>ARCHIVE/data.pkl</c> holds the pickle, each
/// storage is the raw little-endian entry <c>ARCHIVE/data/KEY</c>, and the persistent id of a storage is
/// <c>('storage', storage_class, key, location, numel)</c>.
/// </summary>
internal static class TorchZipFormat
{
    public static bool Matches(ReadOnlySpan<byte> bytes) => bytes.StartsWith("PK\u0003\u0004"u8);

    public static (object? Root, Func<TorchStorageRef, byte[]> ReadStorage) Read(byte[] bytes, string source)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{source}: starts like a zip archive but is not a readable one ({ex.Message}).", ex);
        }
        var pickleEntry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
            ?? throw new InvalidDataException($"{source}: a zip archive without ARCHIVE/data.pkl, so not a file written by torch.save.");
        var prefix = pickleEntry.FullName[..^"data.pkl".Length];
        if (archive.GetEntry(prefix + "byteorder") is { } order && ReadEntry(order, source) is var text
            && System.Text.Encoding.ASCII.GetString(text).Trim() != "little")
        {
            throw new InvalidDataException($"{source}: the tensors are stored big-endian; only little-endian files are read.");
        }
        var pickle = ReadEntry(pickleEntry, source);
        var (root, _) = TorchPickle.Load(pickle, 0, $"{source}: {pickleEntry.FullName}", pid => PersistentLoad(pid, source));
        return (root, storage =>
        {
            var entry = archive.GetEntry($"{prefix}data/{storage.Key}")
                ?? throw new InvalidDataException($"{source}: storage '{storage.Key}' is missing from the archive ({prefix}data/{storage.Key}).");
            return ReadEntry(entry, source);
        });
    }

    private static TorchStorageRef PersistentLoad(object?[] pid, string source)
    {
        if (pid.Length < 5 || pid[0] is not "storage" || pid[2] is not string key)
        {
            throw new InvalidDataException($"{source}: a persistent id ({string.Join(", ", pid.Select(TorchPickle.Text))}) is not ('storage', class, key, location, numel).");
        }
        var dtype = TorchPickle.StorageType(pid[1], source);
        var count = TorchPickle.Count(pid[4], $"the element count of storage '{key}'", source);
        return new TorchStorageRef(key, dtype, count, 0, count);
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, string source)
    {
        if (entry.Length > Array.MaxLength)
        {
            throw new InvalidDataException($"{source}: entry {entry.FullName} holds {entry.Length} bytes, more than one array can.");
        }
        try
        {
            using var stream = entry.Open();
            var bytes = new byte[entry.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"{source}: entry {entry.FullName} is corrupted ({ex.Message}).", ex);
        }
    }
}
