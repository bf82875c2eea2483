using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using MoneyBot.MarketData.Json;

namespace MoneyBot.MarketData.Streams;

/// <summary>
/// Reads one websocket message, raw (<c>{"e":"kline",...}</c>) or combined
/// (<c>{"stream":"btcusdt@kline_3m","data":{...}}</c>), into a <see cref="StreamMessage"/>. The kind
/// comes from the stream name, or from the payload's <c>e</c> field when the name is unknown (replays).
/// Pure: shared by the live stream and by replays of recorded messages.
/// </summary>
public static class StreamMessageParser
{
    private enum Kind
    {
        Unknown,
        Kline,
        AggTrade,
        Depth,
    }

    /// <summary>Parses a message.</summary>
    /// <param name="json">The message's UTF-8 text.</param>
    /// <param name="knownStreams">The subscribed stream names: with exactly one, a raw message belongs to it; names in
    /// combined messages are matched against them to avoid copies.</param>
    /// <param name="receivedAt">The local clock on arrival.</param>
    /// <param name="message">The message, on success.</param>
    /// <param name="error">Why the message could not be read, otherwise.</param>
    public static bool TryParse(
        ReadOnlySpan<byte> json,
        IReadOnlyList<string> knownStreams,
        DateTimeOffset receivedAt,
        [NotNullWhen(true)] out StreamMessage? message,
        [NotNullWhen(false)] out string? error
    )
    {
        ArgumentNullException.ThrowIfNull(knownStreams);
        message = null;
        try
        {
            var stream = knownStreams.Count == 1 ? knownStreams[0] : null;
            var payload = Unwrap(json, knownStreams, ref stream);
            var kind = KindOf(stream);
            if (kind == Kind.Unknown)
            {
                kind = Sniff(payload);
            }

            message = kind switch
            {
                Kind.Kline => new KlineMessage(
                    stream ?? string.Empty,
                    Read(payload, MarketDataJsonContext.Default.KlineEvent),
                    receivedAt
                ),
                Kind.AggTrade => new AggTradeMessage(
                    stream ?? string.Empty,
                    Read(payload, MarketDataJsonContext.Default.AggTradeEvent),
                    receivedAt
                ),
                Kind.Depth => ReadDepth(payload, stream, receivedAt),
                _ => throw new JsonException($"not a kline, aggTrade or depth message (stream '{stream}')"),
            };
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            // Malformed input is expected on a network path: it becomes a result the caller counts and logs.
            error = ex.Message;
            return false;
        }
    }

    private static ReadOnlySpan<byte> Unwrap(
        ReadOnlySpan<byte> json,
        IReadOnlyList<string> knownStreams,
        ref string? stream
    )
    {
        var payload = StreamEnvelope.Open(json, out var name);
        if (payload.Length != json.Length)
        {
            stream = Match(name, knownStreams);
        }

        return payload;
    }

    /// <summary>The known stream name equal to <paramref name="name"/> (no allocation), or a new string.</summary>
    private static string Match(ReadOnlySpan<byte> name, IReadOnlyList<string> knownStreams)
    {
        foreach (var known in knownStreams)
        {
            if (System.Text.Ascii.Equals(name, known))
            {
                return known;
            }
        }

        return System.Text.Encoding.UTF8.GetString(name);
    }

    private static Kind KindOf(string? stream) =>
        stream switch
        {
            null => Kind.Unknown,
            _ when stream.Contains("@kline_", StringComparison.Ordinal) => Kind.Kline,
            _ when stream.EndsWith("@aggTrade", StringComparison.Ordinal) => Kind.AggTrade,
            _ when stream.Contains("@depth", StringComparison.Ordinal) => Kind.Depth,
            _ => Kind.Unknown,
        };

    private static Kind Sniff(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a message must be a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("lastUpdateId"u8))
            {
                return Kind.Depth;
            }

            var isEventType = reader.ValueTextEquals("e"u8);
            reader.Read();
            if (isEventType && reader.TokenType == JsonTokenType.String)
            {
                return reader.ValueTextEquals("kline"u8) ? Kind.Kline
                    : reader.ValueTextEquals("aggTrade"u8) ? Kind.AggTrade
                    : reader.ValueTextEquals("depthUpdate"u8) ? Kind.Depth
                    : Kind.Unknown;
            }

            reader.Skip();
        }

        return Kind.Unknown;
    }

    private static DepthMessage ReadDepth(ReadOnlySpan<byte> payload, string? stream, DateTimeOffset receivedAt)
    {
        var depth = Read(payload, MarketDataJsonContext.Default.DepthPayload);
        var book = depth.ToSnapshot()
            ?? throw new JsonException("a depth message needs lastUpdateId/bids/asks or u/b/a");
        var symbol = depth.Symbol
            ?? (
                stream is null
                    ? throw new JsonException("a depth message without a symbol or a stream name")
                    : StreamNames.SymbolOf(stream)
            );
        return new DepthMessage(stream ?? string.Empty, symbol, book, depth.EventTime, receivedAt);
    }

    private static T Read<T>(
        ReadOnlySpan<byte> payload,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo
    ) => JsonSerializer.Deserialize(payload, typeInfo) ?? throw new JsonException("the message is null");
}
