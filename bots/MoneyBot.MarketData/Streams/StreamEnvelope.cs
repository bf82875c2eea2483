using System.Text.Json;

namespace MoneyBot.MarketData.Streams;

/// <summary>
/// The combined-stream envelope <c>{"stream":"btcusdt@aggTrade","data":{...}}</c>: finds the payload and
/// the stream name without allocating. Binance writes "stream" first, so anything else is a raw payload.
/// Shared by every reader of raw messages (the live streams and the replays).
/// </summary>
public static class StreamEnvelope
{
    /// <summary>
    /// The payload of <paramref name="json"/> and its stream name (as written), or <paramref name="json"/> itself and
    /// an empty name when it is raw.
    /// </summary>
    /// <exception cref="JsonException">A wrapped message without a string "stream" or without "data", or not
    /// JSON.</exception>
    public static ReadOnlySpan<byte> Open(ReadOnlySpan<byte> json, out ReadOnlySpan<byte> stream)
    {
        stream = default;
        var start = json.TrimStart(" \t\r\n"u8);
        if (start.Length == 0 || start[0] != (byte)'{' || !start[1..].TrimStart(" \t\r\n"u8).StartsWith("\"stream\""u8))
        {
            return json;
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        bool named = false;
        int dataStart = -1,
            dataEnd = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                stream =
                    reader.TokenType == JsonTokenType.String
                        ? reader.ValueSpan
                        : throw new JsonException("\"stream\" must be a string");
                named = true;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                dataStart = (int)reader.TokenStartIndex;
                reader.Skip();
                dataEnd = (int)reader.BytesConsumed;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return named && dataStart >= 0
            ? json[dataStart..dataEnd]
            : throw new JsonException("a combined-stream message needs \"stream\" and \"data\"");
    }
}
