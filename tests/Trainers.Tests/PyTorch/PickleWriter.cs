using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace QGan.MLNet.Trainers.Tests.PyTorch;

/// <summary>
/// Writes small protocol-2 pickles opcode by opcode, the way Python's pickler lays them out, for hand-made
/// torch.save files (strided tensors, foreign objects, checkpoints) that the fixture files do not cover.
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _bytes = new();

    public PickleWriter() => Op(0x80, 2);

    public PickleWriter Op(params byte[] bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public PickleWriter Mark() => Op((byte)'(');
    public PickleWriter Tuple() => Op((byte)'t');
    public PickleWriter EmptyTuple() => Op((byte)')');
    public PickleWriter EmptyDict() => Op((byte)'}');
    public PickleWriter EmptyList() => Op((byte)']');
    public PickleWriter SetItem() => Op((byte)'s');
    public PickleWriter Reduce() => Op((byte)'R');
    public PickleWriter False() => Op(0x89);
    public PickleWriter BinPersId() => Op((byte)'Q');
    public PickleWriter Stop() => Op((byte)'.');

    public PickleWriter Int(int value)
    {
        Op((byte)'J');
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        return Op(b.ToArray());
    }

    public PickleWriter Str(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Op((byte)'X');
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, utf8.Length);
        return Op(b.ToArray()).Op(utf8);
    }

    public PickleWriter Global(string module, string name) => Op((byte)'c').Op(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    public PickleWriter Ints(params int[] values)
    {
        Mark();
        foreach (var v in values)
        {
            Int(v);
        }
        return Tuple();
    }

    /// <summary><c>_rebuild_tensor_v2(storage('key', FloatStorage, numel), offset, size, stride, False, OrderedDict())</c> on the stack.</summary>
    public PickleWriter Tensor(string storageKey, int storageElements, int offset, int[] size, int[] stride, string storageClass = "FloatStorage")
    {
        Global("torch._utils", "_rebuild_tensor_v2");
        Mark();
        Mark().Str("storage").Global("torch", storageClass).Str(storageKey).Str("cpu").Int(storageElements).Tuple().BinPersId();
        Int(offset).Ints(size).Ints(stride).False();
        Global("collections", "OrderedDict").EmptyTuple().Reduce();
        return Tuple().Reduce();
    }

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>A torch.save zip archive: <c>archive/data.pkl</c> plus one <c>archive/data/KEY</c> entry per storage.</summary>
    public static byte[] ZipArchive(byte[] pickle, IReadOnlyDictionary<string, byte[]> storages)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "archive/data.pkl", pickle);
            foreach (var (key, data) in storages)
            {
                Add(zip, $"archive/data/{key}", data);
            }
        }
        return stream.ToArray();
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }
        return bytes;
    }

    private static void Add(ZipArchive zip, string name, byte[] data)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        entry.Write(data);
    }
}
