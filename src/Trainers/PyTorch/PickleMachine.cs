using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace QGan.MLNet.Trainers.PyTorch;

/// <summary>
/// A restricted pickle virtual machine for the subset of the pickle protocol (2 to 5, the binary opcodes) that
/// <c>torch.save</c> writes for a state dict. Unlike Python's unpickler it never imports or calls anything: every
/// global the stream names must be on the caller's allow-list (the <c>resolveGlobal</c> handler), and calls
/// (<c>REDUCE</c>, <c>NEWOBJ</c>) and state updates (<c>BUILD</c>) go to the caller's handlers, so a hostile file can
/// at worst be refused, never run code. This is the same idea as PyTorch's own <c>weights_only=True</c> unpickler.
/// Text (protocol 0/1) opcodes are refused: <c>torch.save</c> has always written protocol 2 by default.
/// </summary>
internal sealed class PickleMachine
{
    private readonly byte[] _data;
    private readonly string _source;
    private readonly Func<string, string, object> _resolveGlobal;
    private readonly Func<object?, object?[], object?> _call;
    private readonly Func<object?, object?> _persistentLoad;
    private readonly Action<object?, object?> _build;
    private readonly Dictionary<long, object?> _memo = [];
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private int _position;

    /// <param name="data">The bytes holding the pickle.</param>
    /// <param name="start">Offset of the pickle's first opcode.</param>
    /// <param name="source">Named in every error (file and part, e.g. <c>w.pth: data.pkl</c>).</param>
    /// <param name="resolveGlobal">Maps an allowed (module, name) to a value; throws for any other.</param>
    /// <param name="call">Applies a callable (a value from <paramref name="resolveGlobal"/>) to its arguments.</param>
    /// <param name="persistentLoad">Maps a persistent id (torch: a storage descriptor tuple) to a value.</param>
    /// <param name="build">Applies <c>BUILD</c> (<c>obj.__setstate__(state)</c>).</param>
    public PickleMachine(byte[] data, int start, string source, Func<string, string, object> resolveGlobal,
        Func<object?, object?[], object?> call, Func<object?, object?> persistentLoad, Action<object?, object?> build)
    {
        _data = data;
        _position = start;
        _source = source;
        _resolveGlobal = resolveGlobal;
        _call = call;
        _persistentLoad = persistentLoad;
        _build = build;
    }

    /// <summary>Offset just after the <c>STOP</c> opcode once <see cref="Load"/> has returned.</summary>
    public int Position => _position;

    /// <summary>Runs the pickle up to its <c>STOP</c> opcode and returns the object it built.</summary>
    public object? Load()
    {
        while (true)
        {
            var at = _position;
            var op = ReadByte();
            switch (op)
            {
                case 0x80: // PROTO
                    var protocol = ReadByte();
                    if (protocol is < 2 or > 5)
                    {
                        throw Error(at, $"pickle protocol {protocol} is not supported (torch.save writes 2 by default; 2 to 5 are read)");
                    }
                    break;
                case 0x95: // FRAME: a length prefix only, the bytes follow inline
                    Take(8);
                    break;
                case (byte)'.': // STOP
                    if (_stack.Count != 1 || _marks.Count != 0)
                    {
                        throw Error(at, "the pickle ends with an unbalanced stack");
                    }
                    return _stack[0];
                case (byte)'(': // MARK
                    _marks.Push(_stack.Count);
                    break;
                case (byte)'0': // POP
                    Pop(at);
                    break;
                case (byte)'1': // POP_MARK
                    PopMark(at);
                    break;
                case (byte)'2': // DUP
                    Push(Peek(at));
                    break;
                case (byte)'N':
                    Push(null);
                    break;
                case 0x88: // NEWTRUE
                    Push(true);
                    break;
                case 0x89: // NEWFALSE
                    Push(false);
                    break;
                case (byte)'J': // BININT
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4)));
                    break;
                case (byte)'K': // BININT1
                    Push((long)ReadByte());
                    break;
                case (byte)'M': // BININT2
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2)));
                    break;
                case 0x8a: // LONG1
                    Push(Long(Take(ReadByte())));
                    break;
                case 0x8b: // LONG4
                    Push(Long(Take(Length32(at))));
                    break;
                case (byte)'G': // BINFLOAT (big-endian)
                    Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8)));
                    break;
                case (byte)'X': // BINUNICODE
                    Push(Utf8(at, Take(Length32(at))));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                    Push(Utf8(at, Take(ReadByte())));
                    break;
                case 0x8d: // BINUNICODE8
                    Push(Utf8(at, Take(Length64(at))));
                    break;
                case (byte)'T': // BINSTRING (Python 2 str, read as Latin-1)
                    Push(Encoding.Latin1.GetString(Take(Length32(at))));
                    break;
                case (byte)'U': // SHORT_BINSTRING
                    Push(Encoding.Latin1.GetString(Take(ReadByte())));
                    break;
                case (byte)'B': // BINBYTES
                    Push(Take(Length32(at)).ToArray());
                    break;
                case (byte)'C': // SHORT_BINBYTES
                    Push(Take(ReadByte()).ToArray());
                    break;
                case 0x8e: // BINBYTES8
                    Push(Take(Length64(at)).ToArray());
                    break;
                case (byte)')': // EMPTY_TUPLE
                    Push(Array.Empty<object?>());
                    break;
                case (byte)'t': // TUPLE
                    Push(PopMark(at));
                    break;
                case 0x85: // TUPLE1
                    Push(new[] { Pop(at) });
                    break;
                case 0x86: // TUPLE2
                {
                    var b = Pop(at);
                    var a = Pop(at);
                    Push(new[] { a, b });
                    break;
                }
                case 0x87: // TUPLE3
                {
                    var c = Pop(at);
                    var b = Pop(at);
                    var a = Pop(at);
                    Push(new[] { a, b, c });
                    break;
                }
                case (byte)']': // EMPTY_LIST
                    Push(new List<object?>());
                    break;
                case (byte)'l': // LIST
                    Push(new List<object?>(PopMark(at)));
                    break;
                case (byte)'a': // APPEND
                {
                    var item = Pop(at);
                    ListAt(at, Peek(at)).Add(item);
                    break;
                }
                case (byte)'e': // APPENDS
                {
                    var items = PopMark(at);
                    ListAt(at, Peek(at)).AddRange(items);
                    break;
                }
                case (byte)'}': // EMPTY_DICT
                    Push(new PickleDict());
                    break;
                case (byte)'d': // DICT
                {
                    var items = PopMark(at);
                    var dict = new PickleDict();
                    SetItems(at, dict, items);
                    Push(dict);
                    break;
                }
                case (byte)'s': // SETITEM
                {
                    var value = Pop(at);
                    var key = Pop(at);
                    DictAt(at, Peek(at)).Set(KeyOf(at, key), value);
                    break;
                }
                case (byte)'u': // SETITEMS
                {
                    var items = PopMark(at);
                    SetItems(at, DictAt(at, Peek(at)), items);
                    break;
                }
                case (byte)'c': // GLOBAL "module\nname\n"
                {
                    var module = ReadLine(at);
                    var name = ReadLine(at);
                    Push(_resolveGlobal(module, name));
                    break;
                }
                case 0x93: // STACK_GLOBAL
                {
                    var name = Pop(at) as string ?? throw Error(at, "STACK_GLOBAL needs a string name");
                    var module = Pop(at) as string ?? throw Error(at, "STACK_GLOBAL needs a string module");
                    Push(_resolveGlobal(module, name));
                    break;
                }
                case (byte)'R': // REDUCE
                {
                    var args = Pop(at) as object?[] ?? throw Error(at, "REDUCE needs an argument tuple");
                    var callable = Pop(at);
                    Push(_call(callable, args));
                    break;
                }
                case 0x81: // NEWOBJ: cls.__new__(cls, *args)
                {
                    var args = Pop(at) as object?[] ?? throw Error(at, "NEWOBJ needs an argument tuple");
                    var type = Pop(at);
                    Push(_call(type, args));
                    break;
                }
                case (byte)'b': // BUILD
                {
                    var state = Pop(at);
                    _build(Peek(at), state);
                    break;
                }
                case (byte)'Q': // BINPERSID
                    Push(_persistentLoad(Pop(at)));
                    break;
                case (byte)'q': // BINPUT
                    _memo[ReadByte()] = Peek(at);
                    break;
                case (byte)'r': // LONG_BINPUT
                    _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(at);
                    break;
                case 0x94: // MEMOIZE
                    _memo[_memo.Count] = Peek(at);
                    break;
                case (byte)'h': // BINGET
                    Push(Memo(at, ReadByte()));
                    break;
                case (byte)'j': // LONG_BINGET
                    Push(Memo(at, BinaryPrimitives.ReadUInt32LittleEndian(Take(4))));
                    break;
                default:
                    throw Error(at, $"pickle opcode 0x{op:x2} ('{(op is >= 32 and < 127 ? (char)op : '?')}') is not one torch.save writes for a state dict");
            }
        }
    }

    private void SetItems(int at, PickleDict dict, object?[] items)
    {
        if (items.Length % 2 != 0)
        {
            throw Error(at, "a dictionary has a key without a value");
        }
        for (var i = 0; i < items.Length; i += 2)
        {
            dict.Set(KeyOf(at, items[i]), items[i + 1]);
        }
    }

    private object KeyOf(int at, object? key) => key switch
    {
        string or long or BigInteger or bool or double => key,
        _ => throw Error(at, $"a dictionary key is a {PickleDict.Describe(key)}; only strings and numbers are read"),
    };

    private List<object?> ListAt(int at, object? value) =>
        value as List<object?> ?? throw Error(at, $"APPEND on a {PickleDict.Describe(value)}, not a list");

    private PickleDict DictAt(int at, object? value) =>
        value as PickleDict ?? throw Error(at, $"SETITEM on a {PickleDict.Describe(value)}, not a dictionary");

    private object? Memo(int at, long index) =>
        _memo.TryGetValue(index, out var value) ? value : throw Error(at, $"memo entry {index} is read before it is written");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek(int at) => _stack.Count > (_marks.Count > 0 ? _marks.Peek() : 0)
        ? _stack[^1]
        : throw Error(at, "the pickle reads from an empty stack");

    private object? Pop(int at)
    {
        var value = Peek(at);
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object?[] PopMark(int at)
    {
        if (_marks.Count == 0)
        {
            throw Error(at, "the pickle closes a MARK that was never opened");
        }
        var mark = _marks.Pop();
        var items = _stack.GetRange(mark, _stack.Count - mark).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte ReadByte() => Take(1)[0];

    private ReadOnlySpan<byte> Take(long count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw new InvalidDataException($"{_source}: the pickle is truncated at byte {_position} (needs {count} more bytes).");
        }
        var span = _data.AsSpan(_position, (int)count);
        _position += (int)count;
        return span;
    }

    private int Length32(int at)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        return length <= int.MaxValue ? (int)length : throw Error(at, $"a length of {length} bytes is out of range");
    }

    private long Length64(int at)
    {
        var length = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        return length <= int.MaxValue ? (long)length : throw Error(at, $"a length of {length} bytes is out of range");
    }

    private string ReadLine(int at)
    {
        var rest = _data.AsSpan(_position);
        var end = rest.IndexOf((byte)'\n');
        if (end < 0 || end > 256)
        {
            throw Error(at, "GLOBAL has no line-terminated name");
        }
        var text = Encoding.ASCII.GetString(rest[..end]);
        _position += end + 1;
        return text;
    }

    private string Utf8(int at, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error(at, "a string is not valid UTF-8");
        }
    }

    /// <summary>Two's complement little-endian integer (LONG1 / LONG4); small values come back as <see cref="long"/>.</summary>
    private static object Long(ReadOnlySpan<byte> bytes)
    {
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    private InvalidDataException Error(int at, string message) =>
        new($"{_source}: {message} (byte {at}); the file is corrupted or was not written by torch.save.");
}
