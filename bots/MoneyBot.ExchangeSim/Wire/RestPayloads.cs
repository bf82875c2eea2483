using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Wire;

/// <summary>The REST response bodies, in Binance's formats.</summary>
internal static class RestPayloads
{
    /// <summary>
    /// Klines: <c>[[openTime,"open","high","low","close","volume",closeTime,"quoteVolume",trades,</c>
    /// <c>"takerBuyBase","takerBuyQuote","0"],..]</c>
    /// </summary>
    public static byte[] Klines(IReadOnlyList<Candle> candles, WireFormat format) =>
        JsonWriting.Build((candles, format), static (w, s) =>
        {
            var (candles, f) = s;
            w.WriteStartArray();
            foreach (var c in candles)
            {
                w.WriteStartArray();
                w.WriteNumberValue(c.OpenTime);
                w.WriteFixed(c.Open, f.PriceDecimals);
                w.WriteFixed(c.High, f.PriceDecimals);
                w.WriteFixed(c.Low, f.PriceDecimals);
                w.WriteFixed(c.Close, f.PriceDecimals);
                w.WriteFixed(c.Volume, f.QuantityDecimals);
                w.WriteNumberValue(c.CloseTime);
                w.WriteFixed(c.QuoteVolume, f.QuoteDecimals);
                w.WriteNumberValue(c.TradeCount);
                w.WriteFixed(c.TakerBuyVolume, f.QuantityDecimals);
                w.WriteFixed(c.TakerBuyQuoteVolume, f.QuoteDecimals);
                w.WriteStringValue("0");
                w.WriteEndArray();
            }

            w.WriteEndArray();
        });

    /// <summary>
    /// <c>[{"a":..,"p":"..","q":"..","f":..,"l":..,"T":..,"m":..,"M":true},..]</c>; futures omit <c>M</c>.
    /// </summary>
    public static byte[] AggTrades(IReadOnlyList<AggTrade> trades, WireFormat format, bool bestMatchField) =>
        JsonWriting.Build((trades, format, bestMatchField), static (w, s) =>
        {
            var (trades, f, bestMatch) = s;
            w.WriteStartArray();
            foreach (var t in trades)
            {
                w.WriteStartObject();
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
            }

            w.WriteEndArray();
        });

    /// <summary><c>{"code":-1121,"msg":"Invalid symbol."}</c></summary>
    public static byte[] Error(int code, string message) => JsonWriting.Build((code, message), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("code", s.code);
            w.WriteString("msg", s.message);
            w.WriteEndObject();
        });

    /// <summary><c>{"serverTime":..}</c></summary>
    public static byte[] ServerTime(long timeMs) => JsonWriting.Build(timeMs, static (w, t) =>
        {
            w.WriteStartObject();
            w.WriteNumber("serverTime", t);
            w.WriteEndObject();
        });
}
