using Microsoft.ML;
using Microsoft.ML.Data;

namespace QGan.MLNet.Transforms.Data;

/// <summary>
/// An <see cref="IDataView"/> over a <see cref="Sat4Split"/> with the <see cref="Sat4Schema"/> columns. Rows are
/// converted from the uint8 store to floats only when a cursor's getter is called, so a view over the full data set
/// costs no memory beyond the store. Shuffling (a non-null <see cref="Random"/>) visits a random permutation.
/// </summary>
public sealed class Sat4DataView : IDataView
{
    private static readonly DataViewSchema _schema = BuildSchema();

    /// <summary>A data view over <paramref name="split"/> (columns Image and Label, see <see cref="Sat4Schema"/>).</summary>
    public Sat4DataView(Sat4Split split)
    {
        ArgumentNullException.ThrowIfNull(split);
        Split = split;
    }

    /// <summary>The store the rows come from.</summary>
    public Sat4Split Split { get; }

    /// <inheritdoc/>
    public bool CanShuffle => true;

    /// <inheritdoc/>
    public DataViewSchema Schema => _schema;

    /// <inheritdoc/>
    public long? GetRowCount() => Split.Count;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        return new Cursor(this, columnsNeeded, rand);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private static DataViewSchema BuildSchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(Sat4Schema.ImageColumn, new VectorDataViewType(NumberDataViewType.Single, Sat4Schema.PixelCount));
        builder.AddColumn(Sat4Schema.LabelColumn, NumberDataViewType.Int32);
        return builder.ToSchema();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly Sat4DataView _parent;
        private readonly int[]? _order;
        private readonly bool[] _active = new bool[2];
        private long _position = -1;
        private int _row = -1;
        private bool _done;

        public Cursor(Sat4DataView parent, IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand)
        {
            _parent = parent;
            foreach (var column in columnsNeeded)
            {
                _active[column.Index] = true;
            }
            if (rand is not null)
            {
                _order = new int[parent.Split.Count];
                for (var i = 0; i < _order.Length; i++)
                {
                    _order[i] = i;
                }
                for (var i = _order.Length - 1; i > 0; i--)
                {
                    var j = rand.Next(i + 1);
                    (_order[i], _order[j]) = (_order[j], _order[i]);
                }
            }
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _parent.Schema;

        public override bool MoveNext()
        {
            if (_done || _position + 1 >= _parent.Split.Count)
            {
                _done = true;
                _row = -1;
                return false;
            }
            _position++;
            _row = _order is null ? (int)_position : _order[_position];
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) =>
        {
            EnsureOnRow();
            value = new DataViewRowId((ulong)_row, 0);
        };

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
            {
                throw new InvalidOperationException($"column '{column.Name}' was not requested when the cursor was created.");
            }
            Delegate getter = column.Index switch
            {
                0 => (ValueGetter<VBuffer<float>>)GetImage,
                1 => (ValueGetter<int>)GetLabel,
                _ => throw new ArgumentOutOfRangeException(nameof(column)),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
                $"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        private void GetImage(ref VBuffer<float> value)
        {
            EnsureOnRow();
            var editor = VBufferEditor.Create(ref value, Sat4Schema.PixelCount);
            PixelScaling.ToUnitFloats(_parent.Split.GetPatch(_row), editor.Values);
            value = editor.Commit();
        }

        private void GetLabel(ref int value)
        {
            EnsureOnRow();
            value = _parent.Split.Labels[_row];
        }

        private void EnsureOnRow()
        {
            if (_row < 0)
            {
                throw new InvalidOperationException("the cursor is not on a row (call MoveNext first).");
            }
        }
    }
}
