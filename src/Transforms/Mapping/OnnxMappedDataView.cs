using Microsoft.ML;
using Microsoft.ML.Data;

namespace QGan.MLNet.Transforms.Mapping;

/// <summary>
/// The lazy output of <see cref="OnnxColumnMapping.Transform"/>: the input's columns plus the mapped column. A cursor
/// that needs the mapped column reads a block of rows ahead (caching the other active columns of those rows), runs
/// the block through ONNX Runtime in one call and then serves the rows; cursors that do not need it pass the input
/// through. <see cref="GetRowCursorSet"/> returns the requested number of cursors even when the input gives fewer:
/// cursors then share an input cursor, taking turns to read a block from it (under a lock) and running their blocks
/// through ONNX Runtime concurrently; the rows' <c>Batch</c> is then the block's sequence number, so ML.NET's
/// consolidation restores the input order. Every row's output depends only on that row, so results do not depend on
/// the block size, the number of cursors or the order in which rows are visited.
/// </summary>
internal sealed class OnnxMappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly DataViewSchema.Column _source;
    private readonly OnnxColumnMapping _mapping;

    public OnnxMappedDataView(IDataView input, DataViewSchema.Column source, DataViewSchema schema, OnnxColumnMapping mapping)
    {
        _input = input;
        _source = source;
        _mapping = mapping;
        Schema = schema;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema { get; }

    private int OutputIndex => _input.Schema.Count;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (inputColumns, requested, outputActive) = Needed(columnsNeeded);
        var input = _input.GetRowCursor(inputColumns, rand);
        return outputActive ? new BlockCursor(this, new BlockSource(input, this, shared: false), requested) : new PassThroughCursor(this, input);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var (inputColumns, requested, outputActive) = Needed(columnsNeeded);
        var inputs = _input.GetRowCursorSet(inputColumns, n, rand);
        if (!outputActive)
        {
            return [.. inputs.Select(cursor => (DataViewRowCursor)new PassThroughCursor(this, cursor))];
        }
        if (inputs.Length >= n)
        {
            return [.. inputs.Select(cursor => (DataViewRowCursor)new BlockCursor(this, new BlockSource(cursor, this, shared: false), requested))];
        }
        // Fewer input cursors than wanted: n cursors in all, spread over shared sources.
        var cursors = new List<DataViewRowCursor>();
        for (int i = 0; i < inputs.Length; i++)
        {
            int share = n / inputs.Length + (i < n % inputs.Length ? 1 : 0);
            var source = new BlockSource(inputs[i], this, shared: true);
            for (int k = 0; k < share; k++)
            {
                cursors.Add(new BlockCursor(this, source, requested));
            }
        }
        return [.. cursors];
    }

    private (List<DataViewSchema.Column> Input, HashSet<int> Requested, bool OutputActive) Needed(IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToList();
        bool outputActive = needed.Any(c => c.Index == OutputIndex);
        var input = needed.Where(c => c.Index < OutputIndex).Select(c => _input.Schema[c.Index]).ToList();
        var requested = input.Select(c => c.Index).ToHashSet();
        if (outputActive && input.All(c => c.Index != _source.Index))
        {
            input.Add(_source);
        }
        return (input, requested, outputActive);
    }

    /// <summary>An input cursor that one or more block cursors read from, a block at a time.</summary>
    private sealed class BlockSource(DataViewRowCursor input, OnnxMappedDataView parent, bool shared)
    {
        private int _users;

        public DataViewRowCursor Input { get; } = input;

        public object Gate { get; } = new();

        /// <summary>True when several cursors share the input: rows then carry the block number as their batch.</summary>
        public bool Shared { get; } = shared;

        public ValueGetter<VBuffer<float>> Source { get; } = input.GetGetter<VBuffer<float>>(parent._source);

        public ValueGetter<DataViewRowId> Id { get; } = input.GetIdGetter();

        /// <summary>Rows read so far (for error messages); guarded by <see cref="Gate"/>.</summary>
        public long RowsRead { get; set; }

        /// <summary>Blocks handed out so far; guarded by <see cref="Gate"/>.</summary>
        public long Blocks { get; set; }

        public bool Exhausted { get; set; }

        public void Attach() => Interlocked.Increment(ref _users);

        public void Detach()
        {
            if (Interlocked.Decrement(ref _users) == 0)
            {
                Input.Dispose();
            }
        }
    }

    private sealed class PassThroughCursor(OnnxMappedDataView parent, DataViewRowCursor input) : DataViewRowCursor
    {
        public override DataViewSchema Schema => parent.Schema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override bool MoveNext() => input.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index != parent.OutputIndex && input.IsColumnActive(input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            column.Index == parent.OutputIndex
                ? throw new InvalidOperationException($"column '{column.Name}' was not requested when the cursor was created")
                : input.GetGetter<TValue>(input.Schema[column.Index]);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// Rows per ONNX Runtime run are a multiple of this. ONNX Runtime's vectorised element-wise kernels (sin, cos, log,
    /// tanh, ...) compute the elements after the last full vector of a tensor by another code path, so without it a
    /// row's result could change in its last bits with its position in a block (measured: rows of a 17-row block
    /// against the same rows in a 1024-row one). With every run a multiple of 16 rows, every tensor of the run holds
    /// a whole number of vectors, so each row gives the same bits in any block, cursor or order.
    /// </summary>
    private const int RowAlignment = 16;

    private static int AlignedRows(int rows) => (rows + RowAlignment - 1) / RowAlignment * RowAlignment;

    private sealed class BlockCursor : DataViewRowCursor
    {
        private readonly OnnxMappedDataView _parent;
        private readonly BlockSource _source;
        private readonly Dictionary<int, ColumnCache> _caches = [];
        private readonly float[] _inputs;
        private readonly float[] _outputs;
        private readonly DataViewRowId[] _ids;
        private readonly long[] _batches;
        private readonly int _inputLength;
        private readonly int _outputLength;
        private VBuffer<float> _row;
        private int _count;
        private int _slot = -1;
        private long _position = -1;
        private bool _disposed;

        public BlockCursor(OnnxMappedDataView parent, BlockSource source, HashSet<int> requested)
        {
            _parent = parent;
            _source = source;
            source.Attach();
            var input = source.Input;
            var mapping = parent._mapping;
            int block = mapping.BlockSize;
            _inputLength = mapping.Pipeline.InputLength;
            _outputLength = mapping.Pipeline.OutputLength;
            _inputs = new float[AlignedRows(block) * _inputLength];
            _outputs = new float[AlignedRows(block) * _outputLength];
            _ids = new DataViewRowId[block];
            _batches = new long[block];
            foreach (var column in input.Schema)
            {
                if (requested.Contains(column.Index))
                {
                    _caches[column.Index] = ColumnCache.Create(input, column, block);
                }
            }
        }

        public override DataViewSchema Schema => _parent.Schema;

        public override long Position => _position;

        public override long Batch => _slot >= 0 && _slot < _count ? _batches[_slot] : 0;

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == _parent.OutputIndex || _caches.ContainsKey(column.Index);

        public override bool MoveNext()
        {
            if (_slot + 1 >= _count && !Fill())
            {
                return false;
            }
            _slot++;
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = _ids[CurrentSlot()];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index == _parent.OutputIndex)
            {
                if (typeof(TValue) != typeof(VBuffer<float>))
                {
                    throw new InvalidOperationException($"column '{column.Name}' is a vector of Single; requested {typeof(TValue).Name}");
                }
                ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
                {
                    var editor = VBufferEditor.Create(ref value, _outputLength);
                    _outputs.AsSpan(CurrentSlot() * _outputLength, _outputLength).CopyTo(editor.Values);
                    value = editor.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)getter;
            }
            if (!_caches.TryGetValue(column.Index, out var cache))
            {
                throw new InvalidOperationException($"column '{column.Name}' was not requested when the cursor was created");
            }
            return cache.Getter(CurrentSlot) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{column.Name}' holds {column.Type.RawType.Name}; requested {typeof(TValue).Name}");
        }

        private int CurrentSlot() => _slot >= 0 && _slot < _count
            ? _slot
            : throw new InvalidOperationException("the cursor is not on a row (call MoveNext first)");

        /// <summary>Reads the next block of rows (under the source's lock) and runs it; false at the end of the input.</summary>
        private bool Fill()
        {
            var mapping = _parent._mapping;
            var source = _source;
            int count = 0;
            lock (source.Gate)
            {
                if (source.Exhausted)
                {
                    _count = 0;
                    return false;
                }
                long block = source.Blocks++;
                while (count < mapping.BlockSize && source.Input.MoveNext())
                {
                    source.Source(ref _row);
                    if (_row.Length != _inputLength)
                    {
                        throw new InvalidDataException($"row {source.RowsRead}: {mapping.Role} column '{mapping.InputColumn}' has {_row.Length} values, expected {_inputLength}");
                    }
                    var destination = _inputs.AsSpan(count * _inputLength, _inputLength);
                    _row.CopyTo(destination);
                    for (int i = 0; i < destination.Length; i++)
                    {
                        if (!float.IsFinite(destination[i]))
                        {
                            throw new InvalidDataException($"row {source.RowsRead}: {mapping.Role} column '{mapping.InputColumn}' has the non-finite value {destination[i]} at index {i}");
                        }
                    }
                    foreach (var cache in _caches.Values)
                    {
                        cache.Fill(count);
                    }
                    source.Id(ref _ids[count]);
                    _batches[count] = source.Shared ? block : source.Input.Batch;
                    source.RowsRead++;
                    count++;
                }
                if (count < mapping.BlockSize)
                {
                    source.Exhausted = true;
                }
            }
            if (count == 0)
            {
                _count = 0;
                return false;
            }
            // A partial block is padded with copies of its last row to a multiple of RowAlignment rows (see there).
            int rows = AlignedRows(count);
            var last = _inputs.AsSpan((count - 1) * _inputLength, _inputLength);
            for (int r = count; r < rows; r++)
            {
                last.CopyTo(_inputs.AsSpan(r * _inputLength, _inputLength));
            }
            mapping.Pipeline.Run(_inputs.AsSpan(0, rows * _inputLength), rows, _outputs);
            _count = count;
            _slot = -1;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                _source.Detach();
            }
            base.Dispose(disposing);
        }
    }
}
