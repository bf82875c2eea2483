using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// <c>getUpdates</c>: long polling. Telegram answers at once when updates are waiting, otherwise
/// after up to <see cref="TimeoutSeconds"/>. Asking with an offset confirms every update below it.
/// </summary>
public sealed record GetUpdatesRequest() : TelegramRequest<IReadOnlyList<Update>>("getUpdates")
{
    /// <summary>First update wanted: the last seen <see cref="Update.UpdateId"/> + 1.</summary>
    public long? Offset { get; init; }

    /// <summary>At most this many updates (1-100; Telegram's default is 100).</summary>
    public int? Limit { get; init; }

    /// <summary>Seconds the server may wait for an update before answering with none.</summary>
    [JsonPropertyName("timeout")]
    public int TimeoutSeconds { get; init; }

    /// <summary>Kinds of updates wanted ("message", "callback_query"); null keeps the previous choice.</summary>
    public IReadOnlyList<string>? AllowedUpdates { get; init; }

    /// <inheritdoc/>
    [JsonIgnore] // ours, not a Bot API field: an override does not inherit the base's [JsonIgnore]
    public override TimeSpan ServerWait => TimeSpan.FromSeconds(Math.Max(0, TimeoutSeconds));

    /// <inheritdoc/>
    public override JsonTypeInfo<TelegramResponse<IReadOnlyList<Update>>> ResponseTypeInfo() =>
        TelegramJsonContext.Default.UpdatesResponse;

    /// <inheritdoc/>
    public override HttpContent CreateContent() => JsonBody(this, TelegramJsonContext.Default.GetUpdatesRequest);
}
