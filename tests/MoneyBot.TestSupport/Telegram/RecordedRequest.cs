using System.Globalization;
using System.Text.Json;

namespace MoneyBot.TestSupport.Telegram;

/// <summary>One request the <see cref="FakeTelegramServer"/> received.</summary>
/// <param name="Sequence">0-based arrival order.</param>
/// <param name="Token">The bot token from the URL.</param>
/// <param name="Method">The Bot API method from the URL (e.g. "sendMessage").</param>
/// <param name="Fields">Top-level parameters as text (JSON strings unquoted, other JSON values raw; form fields;
/// query).</param>
/// <param name="Json">The JSON body, when there was one.</param>
/// <param name="Files">Uploaded files (multipart).</param>
/// <param name="ReceivedAt">Arrival time (real clock).</param>
/// <param name="Status">The HTTP status the server chose to answer with.</param>
public sealed record RecordedRequest(
    int Sequence,
    string Token,
    string Method,
    IReadOnlyDictionary<string, string> Fields,
    JsonElement? Json,
    IReadOnlyList<RecordedFile> Files,
    DateTimeOffset ReceivedAt,
    int Status
)
{
    /// <summary>A parameter as text, or null.</summary>
    public string? this[string field] => Fields.GetValueOrDefault(field);

    /// <summary>The <c>chat_id</c> parameter.</summary>
    public string? ChatId => this["chat_id"];

    /// <summary>The <c>text</c> parameter.</summary>
    public string? Text => this["text"];

    /// <summary>Parameters and uploaded files that the Bot API does not define for this method.</summary>
    public IReadOnlyList<string> NonApiFields =>
        BotApiParameters.Unknown(Method, Fields.Keys.Concat(Files.Select(f => f.Field)));

    /// <summary>Answered with 200.</summary>
    public bool Succeeded => Status == 200;

    /// <summary>A numeric parameter, or null.</summary>
    public long? Long(string field) =>
        long.TryParse(this[field], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
