using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Wire;

/// <summary>
/// Reads one raw stream message as Binance sends it, raw (<c>{"e":"aggTrade",...}</c>) or wrapped
/// (<c>{"stream":"btcusdt@aggTrade","data":{...}}</c>), without allocating: an aggTrade becomes a
/// <see cref="Trade"/> and its symbol a slice of the input; anything else is classified so the caller
/// can hand depth messages to the general parser. The one hot path of the live trades stream (through
/// <see cref="Live.TradeFrameReader"/>), the replay and the benchmark.
/// </summary>
public static class AggTradeReader
{
    /// <summary>Classifies <paramref name="json"/> and reads it when it is an aggTrade.</summary>
    /// <param name="json">One message, UTF-8.</param>
    /// <param name="trade">The trade, for <see cref="MessageKind.AggTrade"/>.</param>
    /// <param name="symbol">The trade's symbol as written (<c>s</c>), for <see cref="MessageKind.AggTrade"/>.</param>
    /// <param name="error">Why the message is <see cref="MessageKind.Malformed"/>; null otherwise.</param>
    public static MessageKind Read(
        ReadOnlySpan<byte> json,
        out Trade trade,
        out ReadOnlySpan<byte> symbol,
        out string? error
    )
    {
        error = null;
        if (AggTradeScanner.TryScan(json, out trade, out symbol))
        {
            return MessageKind.AggTrade; // the plain shape Binance sends: no general JSON reader needed
        }

        trade = default;
        symbol = default;
        try
        {
            var payload = Unwrap(json, out var streamKind);
            if (streamKind is MessageKind.Depth or MessageKind.Ignored)
            {
                return streamKind.Value;
            }

            return ReadPayload(payload, out trade, out symbol, out error);
        }
        catch (JsonException ex)
        {
            error = "not valid JSON: " + ex.Message;
            return MessageKind.Malformed;
        }
    }

    /// <summary>The payload of a wrapped message (and the kind its stream name says), or the message itself.</summary>
    private static ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> json, out MessageKind? kind)
    {
        var payload = StreamEnvelope.Open(json, out var stream);
        kind =
            payload.Length == json.Length ? null
            : stream.EndsWith("@aggTrade"u8) ? MessageKind.AggTrade
            : stream.IndexOf("@depth"u8) >= 0 ? MessageKind.Depth
            : MessageKind.Ignored;
        return payload;
    }

    private static MessageKind ReadPayload(
        ReadOnlySpan<byte> payload,
        out Trade trade,
        out ReadOnlySpan<byte> symbol,
        out string? error
    )
    {
        trade = default;
        symbol = default;
        error = null;
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "a message must be a JSON object";
            return MessageKind.Malformed;
        }

        long id = -1,
            time = -1;
        decimal price = -1,
            quantity = -1;
        bool? buyerIsMaker = null;
        var isTrade = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueSpan.Length != 1)
            {
                if (reader.ValueTextEquals("lastUpdateId"u8) || reader.ValueTextEquals("result"u8))
                {
                    return reader.ValueTextEquals("result"u8) ? MessageKind.Ignored : MessageKind.Depth;
                }

                reader.Read();
                reader.Skip();
                continue;
            }

            var key = reader.ValueSpan[0];
            reader.Read();
            switch (key)
            {
                case (byte)'e':
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        error = "\"e\" must be a string";
                        return MessageKind.Malformed;
                    }

                    if (!reader.ValueTextEquals("aggTrade"u8))
                    {
                        return reader.ValueTextEquals("depthUpdate"u8) ? MessageKind.Depth : MessageKind.Ignored;
                    }

                    isTrade = true;
                    break;
                case (byte)'s':
                    symbol =
                        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped ? reader.ValueSpan : default;
                    break;
                case (byte)'a':
                    id = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var a) ? a : -2;
                    break;
                case (byte)'T':
                    time = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var t) ? t : -2;
                    break;
                case (byte)'p':
                    price = Decimal(ref reader);
                    break;
                case (byte)'q':
                    quantity = Decimal(ref reader);
                    break;
                case (byte)'m':
                    buyerIsMaker = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => null,
                    };
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        error =
            !isTrade ? "not an aggTrade (no \"e\":\"aggTrade\")"
            : symbol.IsEmpty ? "\"s\" (symbol) is missing or not a plain string"
            : id < 0 ? "\"a\" (aggregate trade id) is missing or not a non-negative integer"
            : time < 0 ? "\"T\" (trade time, ms) is missing or not a non-negative integer"
            : price <= 0 ? "\"p\" (price) is missing or not a positive decimal string"
            : quantity < 0 ? "\"q\" (quantity) is missing or not a decimal string"
            : buyerIsMaker is null ? "\"m\" (buyer is maker) is missing or not true/false"
            : null;
        if (error is not null)
        {
            return MessageKind.Malformed;
        }

        trade = new Trade(id, time, price, quantity, Trade.AggressorOf(buyerIsMaker!.Value));
        return MessageKind.AggTrade;
    }

    /// <summary>A decimal string ("97250.50") or number; -1 when neither.</summary>
    private static decimal Decimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDecimal(out var number) ? number : -1;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return -1;
        }

        var text = reader.ValueSpan;
        return Utf8Parser.TryParse(text, out decimal value, out var consumed) && consumed == text.Length ? value
            : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) ? value
            : -1;
    }
}
