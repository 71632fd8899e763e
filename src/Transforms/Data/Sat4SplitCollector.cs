using Microsoft.ML;
using Microsoft.ML.Data;

namespace QGan.MLNet.Transforms.Data;

/// <summary>Reads an <see cref="IDataView"/> with the <see cref="Sat4Schema"/> columns back into a <see cref="Sat4Split"/>.</summary>
internal static class Sat4SplitCollector
{
    public static Sat4Split Collect(IDataView data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data is Sat4DataView view)
        {
            return view.Split;
        }
        var image = data.Schema.GetColumnOrNull(Sat4Schema.ImageColumn)
            ?? throw new ArgumentException($"the data view has no '{Sat4Schema.ImageColumn}' column.", nameof(data));
        var label = data.Schema.GetColumnOrNull(Sat4Schema.LabelColumn)
            ?? throw new ArgumentException($"the data view has no '{Sat4Schema.LabelColumn}' column.", nameof(data));
        if (image.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: Sat4Schema.PixelCount } vector
            || vector.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentException($"'{Sat4Schema.ImageColumn}' is {image.Type}, expected a vector of {Sat4Schema.PixelCount} Single.", nameof(data));
        }
        if (label.Type != NumberDataViewType.Int32)
        {
            throw new ArgumentException($"'{Sat4Schema.LabelColumn}' is {label.Type}, expected Int32.", nameof(data));
        }

        var pixels = new List<byte>();
        var labels = new List<int>();
        using var cursor = data.GetRowCursor([image, label]);
        var getImage = cursor.GetGetter<VBuffer<float>>(image);
        var getLabel = cursor.GetGetter<int>(label);
        var buffer = default(VBuffer<float>);
        var row = new byte[Sat4Schema.PixelCount];
        while (cursor.MoveNext())
        {
            getImage(ref buffer);
            var k = 0;
            foreach (var v in buffer.DenseValues())
            {
                if (float.IsNaN(v))
                {
                    throw new InvalidDataException($"row {cursor.Position}: '{Sat4Schema.ImageColumn}' value {k} is NaN.");
                }
                row[k++] = (byte)Math.Clamp(MathF.Round(v * 255f), 0f, 255f);
            }
            pixels.AddRange(row);
            var l = 0;
            getLabel(ref l);
            labels.Add(l);
        }
        return new Sat4Split(name, pixels.ToArray(), labels.ToArray());
    }
}
