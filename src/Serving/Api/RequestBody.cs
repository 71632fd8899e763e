using Microsoft.AspNetCore.Http;

namespace QGan.MLNet.Serving.Api;

/// <summary>Reads a request body up to a byte limit (enforced here too, so it holds behind any server, not only Kestrel).</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellation)
    {
        if (request.ContentLength is long declared && declared > limit)
        {
            throw new PayloadTooLargeException(declared, limit);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new PayloadTooLargeException(buffer.Length + read, limit);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw new RequestException("the request body is empty");
        }
        return buffer.ToArray();
    }
}

/// <summary>Answered with 413.</summary>
internal sealed class PayloadTooLargeException(long size, long limit)
    : Exception($"the request body has at least {size} bytes, the limit is {limit} bytes");
