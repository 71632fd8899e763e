using Microsoft.ML;
using Microsoft.ML.Data;

namespace QGan.MLNet.Transforms.Features;

/// <summary>The lazily evaluated output of <see cref="OnnxFeatureExtractorTransformer.Transform"/>.</summary>
internal sealed class FeatureExtractorDataView : IDataView
{
    private readonly IDataView _input;
    private readonly OnnxFeatureExtractorTransformer _transformer;
    private readonly int _outputIndex;
    private readonly int _imageIndex;

    public FeatureExtractorDataView(IDataView input, DataViewSchema schema, OnnxFeatureExtractorTransformer transformer)
    {
        _input = input;
        _transformer = transformer;
        Schema = schema;
        _outputIndex = schema.Count - 1;
        _imageIndex = input.Schema[transformer.Options.InputColumnName].Index;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        var wantsFeatures = needed.Contains(_outputIndex);
        var upstream = _input.Schema.Where(c => needed.Contains(c.Index) || (wantsFeatures && c.Index == _imageIndex));
        return new Cursor(this, _input.GetRowCursor(upstream, rand), wantsFeatures);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly FeatureExtractorDataView _parent;
        private readonly DataViewRowCursor _input;
        private readonly bool _featuresActive;
        private readonly ValueGetter<VBuffer<float>>? _imageGetter;
        private VBuffer<float> _image;
        private readonly float[] _dense;
        private readonly float[] _features;
        private long _computedFor = -1;

        public Cursor(FeatureExtractorDataView parent, DataViewRowCursor input, bool featuresActive)
        {
            _parent = parent;
            _input = input;
            _featuresActive = featuresActive;
            var extractor = parent._transformer.Extractor;
            _dense = new float[extractor.ImageLength];
            _features = new float[extractor.FeatureDimension];
            if (featuresActive)
            {
                _imageGetter = input.GetGetter<VBuffer<float>>(input.Schema[parent._imageIndex]);
            }
        }

        public override DataViewSchema Schema => _parent.Schema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override bool MoveNext() => _input.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == _parent._outputIndex ? _featuresActive : _input.IsColumnActive(_input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != _parent._outputIndex)
            {
                return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            }
            if (!_featuresActive)
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
            }
            if (typeof(TValue) != typeof(VBuffer<float>))
            {
                throw new InvalidOperationException($"Column '{column.Name}' is a vector of Single, not {typeof(TValue)}.");
            }
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                Compute();
                var editor = VBufferEditor.Create(ref value, _features.Length);
                _features.CopyTo(editor.Values);
                value = editor.Commit();
            };
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        private void Compute()
        {
            if (_computedFor == Position)
            {
                return;
            }
            _imageGetter!(ref _image);
            var extractor = _parent._transformer.Extractor;
            if (_image.Length != _dense.Length)
            {
                throw new InvalidDataException(
                    $"Row {Position}: column '{_parent._transformer.Options.InputColumnName}' has {_image.Length} values, expected {_dense.Length}.");
            }
            _image.CopyTo(_dense);
            for (var i = 0; i < _dense.Length; i++)
            {
                if (!float.IsFinite(_dense[i]))
                {
                    throw new InvalidDataException(
                        $"Row {Position}: column '{_parent._transformer.Options.InputColumnName}' has a non-finite value ({_dense[i]}) at index {i}.");
                }
            }
            extractor.ExtractBatch(_dense, 1, _features);
            _computedFor = Position;
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
