using System.Text;

namespace QGan.MLNet.Transforms.Data.Csv;

/// <summary>Parses CSV integer fields from UTF-8 bytes without allocating strings.</summary>
internal static class AsciiIntegers
{
    /// <summary>
    /// Parses an optionally signed decimal integer, allowing surrounding spaces and an all-zero fraction
    /// (<c>167</c>, <c> 167 </c>, <c>167.0</c>); anything else, including <c>12.5</c>, <c>1e2</c> or an empty field, fails.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        var s = field.Trim((byte)' ');
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            s = s[1..];
        }
        var dot = s.IndexOf((byte)'.');
        if (dot >= 0)
        {
            var fraction = s[(dot + 1)..];
            if (fraction.Length == 0 || fraction.IndexOfAnyExcept((byte)'0') >= 0)
            {
                return false;
            }
            s = s[..dot];
        }
        if (s.Length is 0 or > 18)
        {
            return false;
        }
        foreach (var b in s)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }
            value = value * 10 + digit;
        }
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    /// <summary>The field as text for an error message (shortened).</summary>
    public static string Show(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field);
        return text.Length > 32 ? text[..32] + "..." : text;
    }
}
