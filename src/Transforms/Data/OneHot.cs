namespace QGan.MLNet.Transforms.Data;

/// <summary>Decodes one-hot label rows.</summary>
internal static class OneHot
{
    /// <summary>The index of the single 1 when all other entries are 0; otherwise null.</summary>
    public static int? Decode(ReadOnlySpan<double> row)
    {
        var hot = -1;
        for (var k = 0; k < row.Length; k++)
        {
            if (row[k] == 1)
            {
                if (hot >= 0)
                {
                    return null;
                }
                hot = k;
            }
            else if (row[k] != 0)
            {
                return null;
            }
        }
        return hot >= 0 ? hot : null;
    }
}
