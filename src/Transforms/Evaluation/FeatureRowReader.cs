using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>Streams the float vectors of one feature space out of a data view.</summary>
internal static class FeatureRowReader
{
    /// <summary>
    /// Rows of the space's column. With an <see cref="OnnxFeatureExtractorTransformer"/> as featurizer the images are
    /// read and run through the model in batches (much faster than the row-by-row data view path).
    /// </summary>
    public static IEnumerable<float[]> Read(IDataView data, FeatureSpace space, string setName)
    {
        ArgumentNullException.ThrowIfNull(data, setName);
        if (space.Featurizer is OnnxFeatureExtractorTransformer onnx)
        {
            return ReadThroughOnnx(data, onnx, setName);
        }
        var view = space.Featurizer?.Transform(data) ?? data;
        return ReadColumn(view, space.ColumnName, setName);
    }

    public static IEnumerable<float[]> ReadColumn(IDataView data, string columnName, string setName)
    {
        var column = data.Schema.GetColumnOrNull(columnName) ?? throw new ArgumentOutOfRangeException(
            nameof(columnName), $"{setName}: column '{columnName}' not found (columns: {string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => c.Name))}).");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType item } || item != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(columnName),
                $"{setName}: column '{columnName}' is {column.Type}; expected a vector of Single.");
        }
        return Iterate(data, column);
    }

    private static IEnumerable<float[]> Iterate(IDataView data, DataViewSchema.Column column)
    {
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            var row = new float[buffer.Length];
            buffer.CopyTo(row);
            yield return row;
        }
    }

    private static IEnumerable<float[]> ReadThroughOnnx(IDataView data, OnnxFeatureExtractorTransformer onnx, string setName)
    {
        OnnxFeatureExtractorEstimator.CheckInputColumn(data.Schema, onnx.Options, onnx.Extractor.ImageLength);
        var extractor = onnx.Extractor;
        var batch = onnx.Options.BatchSize;
        var images = new float[batch * extractor.ImageLength];
        var features = new float[batch * extractor.FeatureDimension];
        var count = 0;
        long row = 0;
        foreach (var image in ReadColumn(data, onnx.Options.InputColumnName, setName))
        {
            for (var i = 0; i < image.Length; i++)
            {
                if (!float.IsFinite(image[i]))
                {
                    throw new InvalidDataException(
                        $"{setName}: row {row} (0-based) of column '{onnx.Options.InputColumnName}' has a non-finite value ({image[i]}) at index {i}.");
                }
            }
            image.CopyTo(images, count * extractor.ImageLength);
            row++;
            if (++count == batch)
            {
                foreach (var f in Flush(extractor, images, features, count))
                {
                    yield return f;
                }
                count = 0;
            }
        }
        if (count > 0)
        {
            foreach (var f in Flush(extractor, images, features, count))
            {
                yield return f;
            }
        }
    }

    private static IEnumerable<float[]> Flush(OnnxFeatureExtractor extractor, float[] images, float[] features, int count)
    {
        extractor.ExtractBatch(images.AsSpan(0, count * extractor.ImageLength), count, features);
        var d = extractor.FeatureDimension;
        for (var i = 0; i < count; i++)
        {
            yield return features.AsSpan(i * d, d).ToArray();
        }
    }
}
