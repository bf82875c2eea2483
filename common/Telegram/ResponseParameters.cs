namespace MoneyBot.Common.Telegram;

/// <summary>Why a request failed, when Telegram says more than an error code.</summary>
/// <param name="RetryAfter">Flood control: seconds to wait before repeating the request.</param>
/// <param name="MigrateToChatId">The group became a supergroup with this id.</param>
public sealed record ResponseParameters(int? RetryAfter = null, long? MigrateToChatId = null);
