using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Trainers.Gan.Models;

namespace QGan.MLNet.Trainers.Gan.MLNet;

/// <summary>
/// Lazy view: the input's columns plus the generated latent, computed from the noise column only when the
/// latent column is active and its getter is called (once per row).
/// </summary>
internal sealed class GeneratedLatentDataView : IDataView
{
    private readonly IDataView _input;
    private readonly DataViewSchema.Column _noise;
    private readonly TrainedGenerator _generator;

    public GeneratedLatentDataView(IDataView input, DataViewSchema.Column noise, TrainedGenerator generator, string outputColumnName)
    {
        _input = input;
        _noise = noise;
        _generator = generator;
        Schema = LatentColumn.Append(input.Schema, outputColumnName, generator.LatentDimension);
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema { get; }

    private int OutputIndex => _input.Schema.Count;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        bool latentActive = needed.Any(c => c.Index == OutputIndex);
        var inputColumns = needed.Where(c => c.Index < OutputIndex).Select(c => _input.Schema[c.Index]).ToList();
        if (latentActive && inputColumns.All(c => c.Index != _noise.Index))
        {
            inputColumns.Add(_noise);
        }
        return new Cursor(this, _input.GetRowCursor(inputColumns, rand), latentActive);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly GeneratedLatentDataView _parent;
        private readonly DataViewRowCursor _input;
        private readonly bool _latentActive;
        private readonly ValueGetter<VBuffer<float>>? _noiseGetter;
        private VBuffer<float> _noise;
        private float[]? _latent;
        private long _latentPosition = -1;

        public Cursor(GeneratedLatentDataView parent, DataViewRowCursor input, bool latentActive)
        {
            _parent = parent;
            _input = input;
            _latentActive = latentActive;
            if (latentActive)
            {
                _noiseGetter = input.GetGetter<VBuffer<float>>(parent._noise);
            }
        }

        public override DataViewSchema Schema => _parent.Schema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == _parent.OutputIndex ? _latentActive : _input.IsColumnActive(_input.Schema[column.Index]);

        public override bool MoveNext() => _input.MoveNext();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != _parent.OutputIndex)
            {
                return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            }
            if (!_latentActive)
            {
                throw new InvalidOperationException($"column '{column.Name}' was not requested when the cursor was created");
            }
            if (typeof(TValue) != typeof(VBuffer<float>))
            {
                throw new InvalidOperationException($"column '{column.Name}' is a vector of Single; requested {typeof(TValue).Name}");
            }
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                var latent = Current();
                var editor = VBufferEditor.Create(ref value, latent.Length);
                latent.CopyTo(editor.Values);
                value = editor.Commit();
            };
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        private float[] Current()
        {
            if (_latentPosition != _input.Position || _latent is null)
            {
                _noiseGetter!(ref _noise);
                var dense = new float[_parent._generator.NoiseDimension];
                _noise.CopyTo(dense);
                _latent = _parent._generator.Generate(dense);
                _latentPosition = _input.Position;
            }
            return _latent;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
