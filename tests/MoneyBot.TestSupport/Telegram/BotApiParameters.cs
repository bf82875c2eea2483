namespace MoneyBot.TestSupport.Telegram;

/// <summary>
/// The parameters the Bot API documents for the methods our client calls (https://core.telegram.org/bots/api):
/// anything else on the wire is ours, and a stricter server than Telegram may refuse it.
/// </summary>
public static class BotApiParameters
{
    private static readonly Dictionary<string, HashSet<string>> ByMethod = new()
    {
        ["getMe"] = [],
        ["getUpdates"] = ["offset", "limit", "timeout", "allowed_updates"],
        ["sendMessage"] =
        [
            "business_connection_id",
            "chat_id",
            "message_thread_id",
            "direct_messages_topic_id",
            "text",
            "parse_mode",
            "entities",
            "link_preview_options",
            "disable_notification",
            "protect_content",
            "allow_paid_broadcast",
            "message_effect_id",
            "suggested_post_parameters",
            "reply_parameters",
            "reply_markup",
        ],
        ["editMessageText"] =
        [
            "business_connection_id",
            "chat_id",
            "message_id",
            "inline_message_id",
            "text",
            "parse_mode",
            "entities",
            "link_preview_options",
            "reply_markup",
        ],
        ["answerCallbackQuery"] = ["callback_query_id", "text", "show_alert", "url", "cache_time"],
        ["setMyCommands"] = ["commands", "scope", "language_code"],
        ["sendDocument"] =
        [
            "business_connection_id",
            "chat_id",
            "message_thread_id",
            "direct_messages_topic_id",
            "document",
            "thumbnail",
            "caption",
            "parse_mode",
            "caption_entities",
            "disable_content_type_detection",
            "disable_notification",
            "protect_content",
            "allow_paid_broadcast",
            "message_effect_id",
            "suggested_post_parameters",
            "reply_parameters",
            "reply_markup",
        ],
    };

    /// <summary>The fields of a request to <paramref name="method"/> that the Bot API does not define.</summary>
    public static IReadOnlyList<string> Unknown(string method, IEnumerable<string> fields) =>
        ByMethod.TryGetValue(method, out var known) ? [.. fields.Where(f => !known.Contains(f))] : [.. fields];
}
