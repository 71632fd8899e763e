using System.Text;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>
/// Reads MATLAB text tables: a cell array of char arrays (rows x columns, as SAT-4's 4x2 <c>annotations</c>: short
/// name and description per class), or the rows of a char matrix (one column).
/// </summary>
internal static class MatStrings
{
    public static IReadOnlyList<IReadOnlyList<string>>? Read(MatVariable variable)
    {
        var h = variable.Header;
        if (h.Class == MatArrayClass.Char)
        {
            return ReadCharRows(variable).Select(r => (IReadOnlyList<string>)[r]).ToList();
        }
        if (h.Class != MatArrayClass.Cell || h.Dims.Length != 2)
        {
            return null;
        }
        // Cells are stored column-major: cell (r, c) is element r + rows*c.
        var rows = h.Dims[0];
        var columns = h.Dims[1];
        var table = new string[rows][];
        for (var r = 0; r < rows; r++)
        {
            table[r] = new string[columns];
        }
        for (var c = 0; c < columns; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                var cell = variable.ReadNestedMatrix();
                if (cell is null)
                {
                    table[r][c] = "";
                    continue;
                }
                if (cell.Header.Class != MatArrayClass.Char)
                {
                    cell.SkipRest();
                    return null;
                }
                table[r][c] = string.Concat(ReadCharRows(cell));
                cell.SkipRest();
            }
        }
        return table;
    }

    private static List<string> ReadCharRows(MatVariable variable)
    {
        var dims = variable.Header.Dims;
        var rows = dims[0];
        var count = variable.Header.ElementCount;
        if (count == 0)
        {
            return rows == 0 ? [] : Enumerable.Repeat("", rows).ToList();
        }
        var tag = variable.ReadDataTag();
        if (tag.ByteCount > 1 << 20)
        {
            throw new InvalidDataException($"char data of {tag.ByteCount} bytes is too large for class names");
        }
        var raw = new byte[tag.ByteCount];
        variable.Reader.ReadExactly(raw);
        variable.Reader.SkipPadding(tag);
        var big = variable.Reader.BigEndian;
        var text = tag.Type switch
        {
            MatDataType.Utf8 or MatDataType.UInt8 or MatDataType.Int8 => Encoding.UTF8.GetString(raw),
            MatDataType.Utf16 or MatDataType.UInt16 => (big ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(raw),
            MatDataType.Utf32 or MatDataType.UInt32 => new UTF32Encoding(big, false).GetString(raw),
            _ => throw new InvalidDataException($"char data stored as {tag.Type}"),
        };
        // Column-major: character (r, c) is text[r + rows*c].
        var columns = text.Length / Math.Max(rows, 1);
        var result = new List<string>(rows);
        for (var r = 0; r < rows; r++)
        {
            var chars = new char[columns];
            for (var c = 0; c < columns; c++)
            {
                chars[c] = text[r + rows * c];
            }
            result.Add(new string(chars).TrimEnd(' ', '\0'));
        }
        return result;
    }
}
