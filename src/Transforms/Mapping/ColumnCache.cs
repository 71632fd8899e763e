using Microsoft.ML;
using Microsoft.ML.Data;

namespace QGan.MLNet.Transforms.Mapping;

/// <summary>
/// Holds one column's values for a block of rows read ahead from a cursor, so the rows can be served after the
/// cursor has moved on. Vectors and text are copied (cursors reuse their buffers).
/// </summary>
internal abstract class ColumnCache
{
    /// <summary>Reads the cursor's current value into <paramref name="slot"/>.</summary>
    public abstract void Fill(int slot);

    /// <summary>A getter serving the value of the slot <paramref name="current"/> returns.</summary>
    public abstract Delegate Getter(Func<int> current);

    public static ColumnCache Create(DataViewRow cursor, DataViewSchema.Column column, int capacity)
    {
        var type = column.Type.RawType;
        Type cacheType = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(VBuffer<>)
            ? typeof(VectorCache<>).MakeGenericType(type.GetGenericArguments()[0])
            : type == typeof(ReadOnlyMemory<char>) ? typeof(TextCache) : typeof(ValueCache<>).MakeGenericType(type);
        return (ColumnCache)Activator.CreateInstance(cacheType, cursor, column, capacity)!;
    }

    private sealed class ValueCache<T>(DataViewRow cursor, DataViewSchema.Column column, int capacity) : ColumnCache
    {
        private readonly ValueGetter<T> _source = cursor.GetGetter<T>(column);
        private readonly T[] _values = new T[capacity];

        public override void Fill(int slot) => _source(ref _values[slot]);

        public override Delegate Getter(Func<int> current) => (ValueGetter<T>)((ref T value) => value = _values[current()]);
    }

    private sealed class VectorCache<T>(DataViewRow cursor, DataViewSchema.Column column, int capacity) : ColumnCache
    {
        private readonly ValueGetter<VBuffer<T>> _source = cursor.GetGetter<VBuffer<T>>(column);
        private readonly VBuffer<T>[] _values = new VBuffer<T>[capacity];
        private VBuffer<T> _scratch;

        public override void Fill(int slot)
        {
            _source(ref _scratch);
            _scratch.CopyTo(ref _values[slot]);
        }

        public override Delegate Getter(Func<int> current) =>
            (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) => _values[current()].CopyTo(ref value));
    }

    private sealed class TextCache(DataViewRow cursor, DataViewSchema.Column column, int capacity) : ColumnCache
    {
        private readonly ValueGetter<ReadOnlyMemory<char>> _source = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        private readonly ReadOnlyMemory<char>[] _values = new ReadOnlyMemory<char>[capacity];
        private ReadOnlyMemory<char> _scratch;

        public override void Fill(int slot)
        {
            _source(ref _scratch);
            _values[slot] = _scratch.ToArray();
        }

        public override Delegate Getter(Func<int> current) =>
            (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = _values[current()]);
    }
}
