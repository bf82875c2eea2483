using System.Diagnostics.CodeAnalysis;

namespace MoneyBot.MarketData.Rest;

/// <summary>
/// The outcome of one REST request. Expected failures (HTTP and API errors, rate limits, network
/// errors, timeouts, malformed answers) are results, not exceptions.
/// </summary>
/// <typeparam name="T">Type of the answer.</typeparam>
public sealed record RestResult<T>
{
    private RestResult() { }

    /// <summary>True when the request succeeded; then <see cref="Value"/> holds the answer.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Ok => Failure == RestFailure.None;

    /// <summary>The answer on success.</summary>
    public T? Value { get; private init; }

    /// <summary>What went wrong; <see cref="RestFailure.None"/> on success.</summary>
    public RestFailure Failure { get; private init; }

    /// <summary>The HTTP status, when an answer arrived.</summary>
    public int? HttpStatus { get; private init; }

    /// <summary>Binance's error code (<c>-1121</c>...), when the body carried one.</summary>
    public int? ErrorCode { get; private init; }

    /// <summary>A readable reason for the failure.</summary>
    public string? Description { get; private init; }

    /// <summary>On a rate limit: how long to wait (the <c>Retry-After</c> header).</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>
    /// Repeating the same request later may succeed: rate limits, network, timeouts, 5xx, garbled answers.
    /// </summary>
    public bool IsTransient =>
        Failure is RestFailure.RateLimited or RestFailure.Network or RestFailure.Timeout or RestFailure.InvalidResponse
        || (Failure == RestFailure.Api && HttpStatus >= 500);

    /// <summary>A success.</summary>
    internal static RestResult<T> Success(T value) => new() { Value = value };

    /// <summary>A failure.</summary>
    internal static RestResult<T> Fail(
        RestFailure failure,
        string description,
        int? httpStatus = null,
        int? errorCode = null,
        TimeSpan? retryAfter = null
    ) =>
        new()
        {
            Failure = failure,
            Description = description,
            HttpStatus = httpStatus,
            ErrorCode = errorCode,
            RetryAfter = retryAfter,
        };

    /// <summary>The same failure for another answer type.</summary>
    public RestResult<TOther> As<TOther>() =>
        Ok
            ? throw new InvalidOperationException("Only a failed result can be converted to another answer type.")
            : RestResult<TOther>.Fail(Failure, Description ?? string.Empty, HttpStatus, ErrorCode, RetryAfter);

    /// <inheritdoc/>
    public override string ToString() => Ok ? $"ok: {Value}" : $"{Failure}: {Description}";
}
