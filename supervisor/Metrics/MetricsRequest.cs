namespace MoneyBot.Supervisor.Metrics;

/// <summary>
/// Reads the head of an HTTP/1.x request (request line and header lines, up to the empty line) strictly, and says
/// how the metrics endpoint answers it: 200 for <c>GET</c>/<c>HEAD /metrics</c> (a query string is ignored), 404
/// for another path, 405 for another method, 505 for another HTTP version, 400 for anything malformed.
/// </summary>
internal static class MetricsRequest
{
    /// <summary>The only path served.</summary>
    public const string Path = "/metrics";

    /// <summary>The status to answer with, and whether the request is a HEAD (no body).</summary>
    /// <param name="head">The request head without its final empty line's CRLF.</param>
    public static (int Status, bool IsHead) Answer(ReadOnlySpan<byte> head)
    {
        var end = head.IndexOf("\r\n"u8);
        var requestLine = end < 0 ? head : head[..end];
        var headers = end < 0 ? [] : head[(end + 2)..];
        if (!HeadersAreWellFormed(headers))
        {
            return (400, false);
        }

        var first = requestLine.IndexOf((byte)' ');
        var last = requestLine.LastIndexOf((byte)' ');
        if (first <= 0 || last <= first + 1)
        {
            return (400, false);
        }

        var method = requestLine[..first];
        var target = requestLine[(first + 1)..last];
        var version = requestLine[(last + 1)..];
        if (!IsToken(method) || target[0] != (byte)'/' || target.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0)
        {
            return (400, false);
        }

        if (!version.SequenceEqual("HTTP/1.1"u8) && !version.SequenceEqual("HTTP/1.0"u8))
        {
            return (version.StartsWith("HTTP/"u8) ? 505 : 400, false);
        }

        var query = target.IndexOf((byte)'?');
        var path = query < 0 ? target : target[..query];
        if (!path.SequenceEqual("/metrics"u8))
        {
            return (404, false);
        }

        var isHead = method.SequenceEqual("HEAD"u8);
        return isHead || method.SequenceEqual("GET"u8) ? (200, isHead) : (405, false);
    }

    /// <summary>Each line <c>name: value</c>, the name a token; no folded (indented) lines, no bare CR or LF.</summary>
    private static bool HeadersAreWellFormed(ReadOnlySpan<byte> headers)
    {
        while (!headers.IsEmpty)
        {
            var end = headers.IndexOf("\r\n"u8);
            var line = end < 0 ? headers : headers[..end];
            headers = end < 0 ? [] : headers[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]) || line.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An HTTP token (RFC 9110 tchar): method and header names.</summary>
    private static bool IsToken(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            var ok =
                b is >= (byte)'a' and <= (byte)'z'
                || b is >= (byte)'A' and <= (byte)'Z'
                || b is >= (byte)'0' and <= (byte)'9'
                || "!#$%&'*+-.^_`|~"u8.Contains(b);
            if (!ok)
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
