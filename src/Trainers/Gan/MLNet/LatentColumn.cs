using Microsoft.ML;
using Microsoft.ML.Data;
using QGan.MLNet.Trainers.Gan.Training;

namespace QGan.MLNet.Trainers.Gan.MLNet;

/// <summary>Schema checks and reading of fixed-size Single vector columns (latent and noise).</summary>
internal static class LatentColumn
{
    /// <summary>The column, checked to be a known-size vector of Single (of <paramref name="expectedSize"/> when given).</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name, string role, int? expectedSize = null)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(name), $"{role} column '{name}' not found in the input (columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))})");
        Check(name, role, column.Type, expectedSize);
        return column;
    }

    public static void Check(string name, string role, DataViewType type, int? expectedSize)
    {
        if (type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || !vector.IsKnownSize)
        {
            throw new ArgumentOutOfRangeException(nameof(name), $"{role} column '{name}' must be a known-size vector of Single, got {type}");
        }
        if (expectedSize is int size && vector.Size != size)
        {
            throw new ArgumentOutOfRangeException(nameof(name), $"{role} column '{name}' has {vector.Size} values per row, expected {size}");
        }
    }

    public static void Check(SchemaShape schema, string name, string role)
    {
        var column = schema.FirstOrDefault(c => c.Name == name);
        if (column.Name is null)
        {
            throw new ArgumentOutOfRangeException(nameof(name), $"{role} column '{name}' not found in the input");
        }
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(name), $"{role} column '{name}' must be a known-size vector of Single, got {column.Kind} of {column.ItemType}");
        }
    }

    /// <summary>Reads every row of the column into a <see cref="LatentDataSet"/> (errors name the row and component).</summary>
    public static LatentDataSet Read(IDataView data, string name, string role)
    {
        var column = Require(data.Schema, name, role);
        int width = ((VectorDataViewType)column.Type).Size;
        var values = new List<float>();
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            foreach (var v in buffer.DenseValues())
            {
                values.Add(v);
            }
        }
        if (values.Count == 0)
        {
            throw new InvalidDataException($"{role} column '{name}' has no rows");
        }
        return new LatentDataSet([.. values], width, $"{role} column '{name}'");
    }

    /// <summary>Input schema plus a fixed-size Single vector column (hiding an existing column of the same name).</summary>
    public static DataViewSchema Append(DataViewSchema input, string name, int size)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(name, new VectorDataViewType(NumberDataViewType.Single, size));
        return builder.ToSchema();
    }
}
