namespace MoneyBot.MarketData.Rest;

/// <summary>What went wrong with a REST request, if anything.</summary>
public enum RestFailure
{
    /// <summary>Success.</summary>
    None,

    /// <summary>Binance (or the HTTP layer in front of it) answered with an error status.</summary>
    Api,

    /// <summary>
    /// HTTP 429 (too many requests) or 418 (IP banned for ignoring 429s): wait <see cref="RestResult{T}.RetryAfter"/>.
    /// </summary>
    RateLimited,

    /// <summary>No answer: connection refused or reset, DNS, TLS.</summary>
    Network,

    /// <summary>No answer within the request's deadline.</summary>
    Timeout,

    /// <summary>A success status with a body that is not what the request expects.</summary>
    InvalidResponse,
}
