using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary>Turns an HTTP answer into a <see cref="TelegramResult{T}"/>.</summary>
internal static class TelegramResponseReader
{
    public static TelegramResult<T> Read<T>(
        HttpStatusCode status,
        string? reason,
        byte[] body,
        JsonTypeInfo<TelegramResponse<T>> typeInfo,
        TelegramToken token
    )
    {
        var code = (int)status;
        var envelope = TryParse(body, typeInfo);
        if (envelope is null || (!envelope.Ok && envelope.ErrorCode is null && envelope.Description is null))
        {
            // Not the Bot API's JSON: a proxy's error page, a truncated body. Judge by the status alone.
            return code is >= 200 and < 300
                ? TelegramResult<T>.Fail(
                    TelegramFailure.InvalidResponse,
                    $"HTTP {code}: the answer is not Bot API JSON"
                )
                : TelegramResult<T>.Fail(
                    code == 429 ? TelegramFailure.RateLimited : TelegramFailure.Api,
                    $"HTTP {code} {token.Redact(reason)}".TrimEnd(),
                    code
                );
        }

        if (envelope.Ok)
        {
            return envelope.Result is null
                ? TelegramResult<T>.Fail(TelegramFailure.InvalidResponse, $"HTTP {code}: ok without a result")
                : TelegramResult<T>.Success(envelope.Result);
        }

        var errorCode = envelope.ErrorCode ?? code;
        var retryAfter = envelope.Parameters?.RetryAfter is { } seconds
            ? TimeSpan.FromSeconds(Math.Max(0, seconds))
            : (TimeSpan?)null;
        return TelegramResult<T>.Fail(
            errorCode == 429 || retryAfter is not null ? TelegramFailure.RateLimited : TelegramFailure.Api,
            token.Redact(envelope.Description ?? $"HTTP {code}"),
            errorCode,
            retryAfter,
            envelope.Parameters?.MigrateToChatId
        );
    }

    private static TelegramResponse<T>? TryParse<T>(byte[] body, JsonTypeInfo<TelegramResponse<T>> typeInfo)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null; // malformed: the caller reports it from the HTTP status
        }
    }
}
