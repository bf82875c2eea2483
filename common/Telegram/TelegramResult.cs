using System.Diagnostics.CodeAnalysis;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// The outcome of one Bot API call. Expected failures (HTTP and API errors, flood control,
/// network errors, timeouts, malformed answers) are results; texts never contain the token.
/// </summary>
/// <typeparam name="T">Type of the method's result.</typeparam>
public sealed record TelegramResult<T>
{
    private TelegramResult() { }

    /// <summary>True when the call succeeded; then <see cref="Value"/> holds the result.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Ok => Failure == TelegramFailure.None;

    /// <summary>The result on success.</summary>
    public T? Value { get; private init; }

    /// <summary>What went wrong; <see cref="TelegramFailure.None"/> on success.</summary>
    public TelegramFailure Failure { get; private init; }

    /// <summary>The API's error code (or the HTTP status when the body said nothing).</summary>
    public int? ErrorCode { get; private init; }

    /// <summary>A readable reason for the failure.</summary>
    public string? Description { get; private init; }

    /// <summary>On flood control: how long to wait before repeating the request.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>The group became a supergroup with this id: send there instead.</summary>
    public long? MigrateToChatId { get; private init; }

    /// <summary>No usable answer arrived (network error or timeout).</summary>
    public bool IsNetworkError => Failure is TelegramFailure.Network or TelegramFailure.Timeout;

    /// <summary>Repeating the same request later may succeed: flood control, network, 5xx, garbled answers.</summary>
    public bool IsTransient =>
        Failure
            is TelegramFailure.RateLimited
                or TelegramFailure.Network
                or TelegramFailure.Timeout
                or TelegramFailure.InvalidResponse
        || (Failure == TelegramFailure.Api && ErrorCode >= 500);

    internal static TelegramResult<T> Success(T value) => new() { Value = value };

    internal static TelegramResult<T> Fail(
        TelegramFailure failure,
        string description,
        int? errorCode = null,
        TimeSpan? retryAfter = null,
        long? migrateToChatId = null
    ) =>
        new()
        {
            Failure = failure,
            Description = description,
            ErrorCode = errorCode,
            RetryAfter = retryAfter,
            MigrateToChatId = migrateToChatId,
        };
}
