namespace QGan.MLNet.Transforms.Data;

/// <summary>
/// Builds the project's data errors: <see cref="InvalidDataException"/> with the message
/// <c>&lt;file&gt;: &lt;variable/row N&gt;: &lt;what&gt;</c>, so a user always sees which file and which part of it is wrong.
/// </summary>
internal static class DataErrors
{
    private const string LocatedKey = "QGan.Data.Located";

    public static InvalidDataException Invalid(string file, string where, string what, Exception? inner = null)
    {
        var ex = new InvalidDataException($"{file}: {where}: {what}", inner);
        ex.Data[LocatedKey] = true;
        return ex;
    }

    public static string Row(long rowNumber) => $"row {rowNumber}";

    /// <summary>True for errors that already name their file and location.</summary>
    public static bool IsLocated(Exception ex) => ex.Data.Contains(LocatedKey);

    /// <summary>
    /// Gives a low-level parse error (truncation, corrupt compressed data, bad structure) the file and location
    /// prefix; errors that already have one pass through unchanged.
    /// </summary>
    public static Exception Locate(Exception ex, string file, string where)
    {
        if (IsLocated(ex))
        {
            return ex;
        }
        return ex switch
        {
            EndOfStreamException => Invalid(file, where, $"unexpected end of data (truncated file?): {ex.Message}", ex),
            _ => Invalid(file, where, ex.Message, ex),
        };
    }

    /// <summary>Exceptions that mean "the input is malformed" rather than a bug or an I/O failure.</summary>
    public static bool IsFormatError(Exception ex) => ex is InvalidDataException or EndOfStreamException or FormatException
        or OverflowException;
}
