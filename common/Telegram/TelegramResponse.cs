namespace MoneyBot.Common.Telegram;

/// <summary>The envelope of every Bot API answer.</summary>
/// <typeparam name="T">Type of <c>result</c>.</typeparam>
/// <param name="Ok">True on success; then <paramref name="Result"/> is set.</param>
/// <param name="Result">The method's result.</param>
/// <param name="ErrorCode">On failure: an HTTP-like error code.</param>
/// <param name="Description">On failure: a human-readable reason.</param>
/// <param name="Parameters">On failure: retry_after or migrate_to_chat_id.</param>
public sealed record TelegramResponse<T>(
    bool Ok,
    T? Result = default,
    int? ErrorCode = null,
    string? Description = null,
    ResponseParameters? Parameters = null
);
