using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Transforms.Features;

namespace QGan.MLNet.Transforms.Evaluation;

/// <summary>Streams the float vectors of one feature space out of a data view.</summary>
internal static class FeatureRowReader
{
    /// <summary>
    /// Rows of the space's column, after the space's featurizer (an <see cref="OnnxFeatureExtractorTransformer"/>'s
    /// cursors run the images through the model in batches).
    /// </summary>
    public static IEnumerable<float[]> Read(IDataView data, FeatureSpace space, string setName)
    {
        ArgumentNullException.ThrowIfNull(data, setName);
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
}
