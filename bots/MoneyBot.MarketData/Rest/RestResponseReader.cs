using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MoneyBot.MarketData.Json;

namespace MoneyBot.MarketData.Rest;

/// <summary>Turns an HTTP answer into a <see cref="RestResult{T}"/>.</summary>
internal static class RestResponseReader
{
    private const int ExcerptLength = 160;

    public static RestResult<T> Read<T>(
        BinanceRequest<T> request,
        HttpStatusCode status,
        string? reason,
        RetryConditionHeaderValue? retryAfterHeader,
        byte[] body,
        DateTimeOffset now
    )
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            try
            {
                return RestResult<T>.Success(request.ReadAnswer(body));
            }
            catch (JsonException ex)
            {
                return RestResult<T>.Fail(
                    RestFailure.InvalidResponse,
                    $"{request.Path}: HTTP {code} with an unreadable body ({ex.Message}): {Excerpt(body)}",
                    code
                );
            }
        }

        var error = TryReadError(body);
        var text = error?.Message is { Length: > 0 } message
            ? $"{request.Path}: HTTP {code}, Binance error {error.Code}: {message}"
            : $"{request.Path}: HTTP {code} {reason}".TrimEnd();
        if (code is 429 or 418)
        {
            var retryAfter = retryAfterHeader?.Delta ?? (retryAfterHeader?.Date is { } date ? date - now : null);
            return RestResult<T>.Fail(
                RestFailure.RateLimited,
                text,
                code,
                error?.Code,
                retryAfter is { } wait && wait > TimeSpan.Zero ? wait : null
            );
        }

        return RestResult<T>.Fail(RestFailure.Api, text, code, error?.Code);
    }

    /// <summary>The start of a body, printable, for a log line.</summary>
    public static string Excerpt(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, ExcerptLength)]);
        var printable = new StringBuilder(text.Length + 3);
        foreach (var c in text)
        {
            printable.Append(char.IsControl(c) ? ' ' : c);
        }

        return body.Length > ExcerptLength ? printable.Append("...").ToString() : printable.ToString();
    }

    private static BinanceError? TryReadError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, MarketDataJsonContext.Default.BinanceError);
        }
        catch (JsonException)
        {
            return null; // a proxy's HTML page: the status says enough
        }
    }
}
