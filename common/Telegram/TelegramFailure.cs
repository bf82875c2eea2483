namespace MoneyBot.Common.Telegram;

/// <summary>What went wrong with a request, if anything.</summary>
public enum TelegramFailure
{
    /// <summary>Success.</summary>
    None,

    /// <summary>Telegram (or the HTTP layer in front of it) answered with an error code.</summary>
    Api,

    /// <summary>HTTP 429 flood control: wait <see cref="TelegramResult{T}.RetryAfter"/> and repeat.</summary>
    RateLimited,

    /// <summary>No answer: connection refused or reset, DNS, TLS.</summary>
    Network,

    /// <summary>No answer within the request's deadline.</summary>
    Timeout,

    /// <summary>An answer that is not the Bot API's JSON.</summary>
    InvalidResponse,
}
