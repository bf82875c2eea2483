using System.Text.Json;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Wire;

/// <summary>
/// The websocket messages, byte for byte in Binance's stream formats: spot (eight decimals, <c>M</c> in aggTrade,
/// depth as a bare snapshot) and USD-M futures (the symbol's precision, no <c>M</c>, depth as a <c>depthUpdate</c>).
/// </summary>
internal static class StreamPayloads
{
    /// <summary>
    /// <c>{"e":"aggTrade","E":..,"s":..,"a":..,"p":"..","q":"..","f":..,"l":..,"T":..,"m":..,"M":true}</c>; USD-M
    /// futures print the symbol's precision and no <c>M</c> (<paramref name="bestMatchField"/> false).
    /// </summary>
    public static byte[] AggTrade(string symbol, AggTrade trade, WireFormat format, bool bestMatchField) =>
        JsonWriting.Build((symbol, trade, format, bestMatchField), static (w, s) =>
        {
            var (symbol, t, f, bestMatch) = s;
            w.WriteStartObject();
            w.WriteString("e", "aggTrade");
            w.WriteNumber("E", t.Time);
            w.WriteString("s", symbol);
            w.WriteNumber("a", t.Id);
            w.WriteFixed("p", t.Price, f.PriceDecimals);
            w.WriteFixed("q", t.Quantity, f.QuantityDecimals);
            w.WriteNumber("f", t.FirstTradeId);
            w.WriteNumber("l", t.LastTradeId);
            w.WriteNumber("T", t.Time);
            w.WriteBoolean("m", t.IsBuyerMaker);
            if (bestMatch)
            {
                w.WriteBoolean("M", true);
            }

            w.WriteEndObject();
        });

    /// <summary>
    /// <c>{"e":"kline","E":..,"s":..,"k":{"t","T","s","i","f","L","o","c","h","l","v","n","x","q","V","Q","B"}}</c>,
    /// the same keys on both markets; the decimals follow <paramref name="format"/>.
    /// </summary>
    public static byte[] Kline(
        string symbol,
        CandleInterval interval,
        Candle c,
        bool isClosed,
        long eventTime,
        WireFormat format
    ) => JsonWriting.Build((symbol, interval, c, isClosed, eventTime, format), static (w, s) =>
        {
            var (symbol, interval, c, isClosed, eventTime, f) = s;
            w.WriteStartObject();
            w.WriteString("e", "kline");
            w.WriteNumber("E", eventTime);
            w.WriteString("s", symbol);
            w.WriteStartObject("k");
            w.WriteNumber("t", c.OpenTime);
            w.WriteNumber("T", c.CloseTime);
            w.WriteString("s", symbol);
            w.WriteString("i", interval.Name);
            w.WriteNumber("f", c.FirstTradeId);
            w.WriteNumber("L", c.LastTradeId);
            w.WriteFixed("o", c.Open, f.PriceDecimals);
            w.WriteFixed("c", c.Close, f.PriceDecimals);
            w.WriteFixed("h", c.High, f.PriceDecimals);
            w.WriteFixed("l", c.Low, f.PriceDecimals);
            w.WriteFixed("v", c.Volume, f.QuantityDecimals);
            w.WriteNumber("n", c.TradeCount);
            w.WriteBoolean("x", isClosed);
            w.WriteFixed("q", c.QuoteVolume, f.QuoteDecimals);
            w.WriteFixed("V", c.TakerBuyVolume, f.QuantityDecimals);
            w.WriteFixed("Q", c.TakerBuyQuoteVolume, f.QuoteDecimals);
            w.WriteString("B", "0");
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>
    /// Spot partial depth: <c>{"lastUpdateId":..,"bids":[["price","qty"],..],"asks":[..]}</c> with the top
    /// <paramref name="levels"/>, eight decimals.
    /// </summary>
    public static byte[] Depth(OrderBookSnapshot book, int levels) => JsonWriting.Build((book, levels), static (w, s) =>
        {
            var (book, levels) = s;
            w.WriteStartObject();
            w.WriteNumber("lastUpdateId", book.LastUpdateId);
            WriteLevels(w, "bids", book.Bids, levels, WireFormat.Spot);
            WriteLevels(w, "asks", book.Asks, levels, WireFormat.Spot);
            w.WriteEndObject();
        });

    /// <summary>
    /// USD-M futures partial depth, a <c>depthUpdate</c> event:
    /// <c>{"e":"depthUpdate","E":..,"T":..,"s":..,"U":..,"u":..,"pu":..,"b":[["price","qty"],..],"a":[..]}</c> with
    /// the top <paramref name="levels"/> in the symbol's precision. <c>u</c> is the snapshot's id, <c>pu</c> is
    /// <paramref name="previousFinalId"/> (the stream's previous <c>u</c>) and <c>U</c> the id after it.
    /// </summary>
    public static byte[] DepthUpdate(
        string symbol,
        OrderBookSnapshot book,
        int levels,
        long eventTime,
        long previousFinalId,
        WireFormat format
    ) => JsonWriting.Build((symbol, book, levels, eventTime, previousFinalId, format), static (w, s) =>
        {
            var (symbol, book, levels, eventTime, previousFinalId, f) = s;
            w.WriteStartObject();
            w.WriteString("e", "depthUpdate");
            w.WriteNumber("E", eventTime);
            w.WriteNumber("T", eventTime);
            w.WriteString("s", symbol);
            w.WriteNumber("U", previousFinalId + 1);
            w.WriteNumber("u", book.LastUpdateId);
            w.WriteNumber("pu", previousFinalId);
            WriteLevels(w, "b", book.Bids, levels, f);
            WriteLevels(w, "a", book.Asks, levels, f);
            w.WriteEndObject();
        });

    /// <summary>The combined-stream envelope <c>{"stream":"name","data":raw}</c>.</summary>
    public static byte[] Wrap(string stream, byte[] raw) => JsonWriting.Build((stream, raw), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("stream", s.stream);
            w.WritePropertyName("data");
            w.WriteRawValue(s.raw, skipInputValidation: true);
            w.WriteEndObject();
        });

    /// <summary>A frame that is not valid JSON: the start of a message, cut off (fault injection).</summary>
    public static byte[] Malformed(string stream, bool combined) =>
        System.Text.Encoding.UTF8.GetBytes(
            combined ? $$"""{"stream":"{{stream}}","data":{"e":"kline","E":17""" : """{"e":"aggTrade","E":17,"s":"BTC"""
        );

    /// <summary>The answer to a client request: <c>{"result":..,"id":..}</c>.</summary>
    public static byte[] Result(JsonElement? id, IReadOnlyList<string>? result) =>
        JsonWriting.Build((id, result), static (w, s) =>
        {
            w.WriteStartObject();
            w.WritePropertyName("result");
            if (s.result is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStartArray();
                foreach (var name in s.result)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
            }

            WriteId(w, s.id);
            w.WriteEndObject();
        });

    /// <summary>An error answer to a client request: <c>{"code":..,"msg":"..","id":..}</c>.</summary>
    public static byte[] Error(JsonElement? id, int code, string message) =>
        JsonWriting.Build((id, code, message), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("code", s.code);
            w.WriteString("msg", s.message);
            WriteId(w, s.id);
            w.WriteEndObject();
        });

    private static void WriteId(Utf8JsonWriter w, JsonElement? id)
    {
        w.WritePropertyName("id");
        if (id is { } value)
        {
            value.WriteTo(w);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void WriteLevels(
        Utf8JsonWriter w,
        string name,
        IReadOnlyList<BookLevel> side,
        int levels,
        WireFormat format
    )
    {
        w.WriteStartArray(name);
        for (var i = 0; i < Math.Min(levels, side.Count); i++)
        {
            w.WriteStartArray();
            w.WriteFixed(side[i].Price, format.PriceDecimals);
            w.WriteFixed(side[i].Quantity, format.QuantityDecimals);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
