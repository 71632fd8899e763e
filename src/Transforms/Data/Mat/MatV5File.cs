using System.IO.Compression;

namespace QGan.MLNet.Transforms.Data.Mat;

/// <summary>
/// Walks the top-level variables of a MAT v5 file, plain (<c>miMATRIX</c>) or zlib-compressed (<c>miCOMPRESSED</c>),
/// handing each to a visitor that reads what it needs straight from the file (or the inflating stream). Nothing is
/// buffered whole: a 1.3 GB variable streams through the visitor. Variables the visitor ignores are skipped by
/// seeking, without inflating compressed ones.
/// </summary>
internal static class MatV5File
{
    /// <summary>Reads the header and visits every variable in file order; errors name the file and variable.</summary>
    public static MatFileHeader ReadVariables(Stream stream, string file, Action<MatVariable> visit)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the MAT reader needs a seekable stream.", nameof(stream));
        }
        var header = MatFileHeader.Read(stream, file);
        var outer = new MatEndianReader(stream, header.BigEndian);
        var length = stream.Length;
        while (stream.Position < length)
        {
            var start = stream.Position;
            var where = $"element at byte {start}";
            if (length - start < 8)
            {
                throw DataErrors.Invalid(file, where, $"{length - start} stray bytes at the end of the file (truncated?)");
            }
            MatTag tag;
            try
            {
                tag = outer.ReadTag();
            }
            catch (Exception ex) when (DataErrors.IsFormatError(ex))
            {
                throw DataErrors.Locate(ex, file, where);
            }
            var end = start + 8 + tag.ByteCount;
            if (tag.IsSmall || (tag.Type != MatDataType.Matrix && tag.Type != MatDataType.Compressed))
            {
                throw DataErrors.Invalid(file, where, $"top-level element has type {(int)tag.Type}, expected miMATRIX (14) or miCOMPRESSED (15) (corrupt file?)");
            }
            if (end > length)
            {
                var name = TryPeekName(stream, header.BigEndian, tag, length - stream.Position);
                throw DataErrors.Invalid(file, name ?? where,
                    $"element at byte {start} claims {tag.ByteCount} bytes but the file ends {end - length} bytes short (truncated file?)");
            }
            if (tag.Type == MatDataType.Compressed)
            {
                VisitCompressed(stream, file, header.BigEndian, tag.ByteCount, where, visit);
            }
            else
            {
                VisitMatrix(outer, file, tag.ByteCount, where, visit);
            }
            stream.Position = end;
        }
        return header;
    }

    private static void VisitMatrix(MatEndianReader reader, string file, uint byteCount, string where, Action<MatVariable> visit)
    {
        MatVariable? variable = null;
        try
        {
            variable = MatVariable.Open(reader, byteCount);
            if (variable is null)
            {
                return;
            }
            where = VariableWhere(variable);
            visit(variable);
            variable.SkipRest();
        }
        catch (Exception ex) when (DataErrors.IsFormatError(ex))
        {
            throw DataErrors.Locate(ex, file, where);
        }
    }

    private static void VisitCompressed(Stream stream, string file, bool bigEndian, uint byteCount, string where, Action<MatVariable> visit)
    {
        try
        {
            using var bounded = new BoundedReadStream(stream, byteCount);
            // Unbuffered on purpose: the array header is inflated a few bytes at a time, so a corrupt stream fails
            // after the variable's name is known; pixel data is read in large chunks anyway.
            using var inflate = new InflateStream(bounded);
            var inner = new MatEndianReader(inflate, bigEndian);
            var tag = inner.ReadTag();
            if (tag.IsSmall || tag.Type != MatDataType.Matrix)
            {
                throw new InvalidDataException($"compressed element holds type {(int)tag.Type}, expected miMATRIX (14)");
            }
            var variable = MatVariable.Open(inner, tag.ByteCount);
            if (variable is null)
            {
                return;
            }
            where = VariableWhere(variable);
            var before = inner.Position;
            visit(variable);
            if (inner.Position == before)
            {
                return; // not wanted: leave the rest compressed, the caller seeks past it
            }
            variable.SkipRest();
            // Drain to the end of the zlib stream so its Adler-32 checksum is verified: a flipped byte inside
            // pixel data must not pass silently.
            Span<byte> rest = stackalloc byte[256];
            while (inner.ReadSome(rest) > 0)
            {
            }
        }
        catch (Exception ex) when (DataErrors.IsFormatError(ex))
        {
            throw DataErrors.Locate(ex, file, where);
        }
    }

    /// <summary>The variable name of a (truncated) element, when its header can still be read; null otherwise.</summary>
    private static string? TryPeekName(Stream stream, bool bigEndian, MatTag tag, long available)
    {
        var position = stream.Position;
        try
        {
            Stream source = new BoundedReadStream(stream, available);
            if (tag.Type == MatDataType.Compressed)
            {
                source = new ZLibStream(source, CompressionMode.Decompress);
            }
            var reader = new MatEndianReader(source, bigEndian);
            if (tag.Type == MatDataType.Compressed)
            {
                reader.ReadTag();
            }
            var name = MatArrayHeader.Read(reader).Name;
            return string.IsNullOrEmpty(name) ? null : name;
        }
        catch (Exception ex) when (DataErrors.IsFormatError(ex) || ex is IOException)
        {
            return null;
        }
        finally
        {
            stream.Position = position;
        }
    }

    private static string VariableWhere(MatVariable variable) =>
        string.IsNullOrEmpty(variable.Name) ? "unnamed variable" : variable.Name;
}
