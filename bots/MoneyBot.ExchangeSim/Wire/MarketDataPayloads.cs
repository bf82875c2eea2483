using System.Text.Json;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Wire;

/// <summary>
/// The bodies of the order book, recent trades, average price, tickers and mark price endpoints, in Binance's
/// formats: spot prints eight decimals, USD-M futures the symbol's precision (<see cref="WireFormat"/>).
/// </summary>
internal static class MarketDataPayloads
{
    private const int RateDecimals = 8;

    /// <summary>
    /// <c>{"lastUpdateId":..,"bids":[["price","qty"],..],"asks":[..]}</c>; futures add <c>"E"</c> (now) and
    /// <c>"T"</c> (the last trade) after the id.
    /// </summary>
    public static byte[] Depth(OrderBookSnapshot book, WireFormat format, long? eventTime, long? tradeTime) =>
        JsonWriting.Build((book, format, eventTime, tradeTime), static (w, s) =>
        {
            var (book, f, eventTime, tradeTime) = s;
            w.WriteStartObject();
            w.WriteNumber("lastUpdateId", book.LastUpdateId);
            if (eventTime is { } e && tradeTime is { } t)
            {
                w.WriteNumber("E", e);
                w.WriteNumber("T", t);
            }

            WriteLevels(w, "bids", book.Bids, f);
            WriteLevels(w, "asks", book.Asks, f);
            w.WriteEndObject();
        });

    /// <summary>
    /// <c>[{"id":..,"price":"..","qty":"..","quoteQty":"..","time":..,"isBuyerMaker":..,"isBestMatch":true},..]</c>;
    /// futures omit <c>isBestMatch</c>.
    /// </summary>
    public static byte[] Trades(IReadOnlyList<RawTrade> trades, WireFormat format, bool bestMatchField) =>
        JsonWriting.Build((trades, format, bestMatchField), static (w, s) =>
        {
            var (trades, f, bestMatch) = s;
            w.WriteStartArray();
            foreach (var t in trades)
            {
                w.WriteStartObject();
                w.WriteNumber("id", t.Id);
                w.WriteFixed("price", t.Price, f.PriceDecimals);
                w.WriteFixed("qty", t.Quantity, f.QuantityDecimals);
                w.WriteFixed("quoteQty", t.Price * t.Quantity, f.QuoteDecimals);
                w.WriteNumber("time", t.Time);
                w.WriteBoolean("isBuyerMaker", t.IsBuyerMaker);
                if (bestMatch)
                {
                    w.WriteBoolean("isBestMatch", true);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    /// <summary><c>{"mins":5,"price":"..","closeTime":..}</c> (spot only).</summary>
    public static byte[] AveragePrice(int minutes, decimal price, long closeTime) =>
        JsonWriting.Build((minutes, price, closeTime), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("mins", s.minutes);
            w.WriteFixed("price", s.price, WireFormat.Spot.PriceDecimals);
            w.WriteNumber("closeTime", s.closeTime);
            w.WriteEndObject();
        });

    /// <summary>
    /// <c>{"symbol":..,"price":".."}</c> per symbol, an object for one symbol, else an array; futures add
    /// <c>"time"</c> (the last trade).
    /// </summary>
    public static byte[] PriceTickers(IReadOnlyList<SymbolMarket> markets, bool single, bool futures) =>
        JsonWriting.Build((markets, single, futures), static (w, s) => WriteEach(w, s.markets, s.single, (w, m) =>
            {
                var f = Format(m, s.futures);
                w.WriteString("symbol", m.Symbol);
                w.WriteFixed("price", m.LastPrice, f.PriceDecimals);
                if (s.futures)
                {
                    w.WriteNumber("time", m.LastTradeTime);
                }
            }));

    /// <summary>
    /// <c>{"symbol":..,"bidPrice":..,"bidQty":..,"askPrice":..,"askQty":..}</c> per symbol; futures add
    /// <c>"time"</c> (the last trade).
    /// </summary>
    public static byte[] BookTickers(IReadOnlyList<SymbolMarket> markets, bool single, bool futures) =>
        JsonWriting.Build((markets, single, futures), static (w, s) => WriteEach(w, s.markets, s.single, (w, m) =>
            {
                var f = Format(m, s.futures);
                var top = m.GetBookTop();
                w.WriteString("symbol", m.Symbol);
                WriteTop(w, top.Bids[0], top.Asks[0], f);
                if (s.futures)
                {
                    w.WriteNumber("time", m.LastTradeTime);
                }
            }));

    /// <summary>
    /// The 24 h ticker per symbol. Spot (FULL): symbol, priceChange, priceChangePercent, weightedAvgPrice,
    /// prevClosePrice, lastPrice, lastQty, bidPrice, bidQty, askPrice, askQty, openPrice, highPrice, lowPrice, volume,
    /// quoteVolume, openTime, closeTime, firstId, lastId, count; spot MINI keeps symbol, open/high/low/last price,
    /// volumes, times, ids and count; futures have FULL without prevClosePrice and the book.
    /// </summary>
    public static byte[] DayTickers(IReadOnlyList<TickerStats> stats, IReadOnlyList<SymbolMarket> markets, Day day) =>
        JsonWriting.Build((stats, markets, day), static (w, s) =>
        {
            var (stats, markets, day) = s;
            if (!day.Single)
            {
                w.WriteStartArray();
            }

            for (var i = 0; i < stats.Count; i++)
            {
                WriteDayTicker(w, stats[i], markets[i], day);
            }

            if (!day.Single)
            {
                w.WriteEndArray();
            }
        });

    /// <summary>
    /// <c>{"symbol","markPrice","indexPrice","estimatedSettlePrice","lastFundingRate","nextFundingTime",
    /// "interestRate","time"}</c> per symbol: mark price the last trade, index and settle price the middle of the
    /// book, a constant funding and interest rate, funding every 8 hours (00:00, 08:00, 16:00 UTC).
    /// </summary>
    public static byte[] PremiumIndex(IReadOnlyList<SymbolMarket> markets, bool single, decimal fundingRate) =>
        JsonWriting.Build((markets, single, fundingRate), static (w, s) => WriteEach(w, s.markets, s.single, (w, m) =>
            {
                const long fundingPeriod = 8 * 3_600_000;
                var time = m.ProcessedUntil;
                var top = m.GetBookTop();
                var index = (top.Bids[0].Price + top.Asks[0].Price) / 2;
                w.WriteString("symbol", m.Symbol);
                w.WriteFixed("markPrice", m.LastPrice, RateDecimals);
                w.WriteFixed("indexPrice", index, RateDecimals);
                w.WriteFixed("estimatedSettlePrice", index, RateDecimals);
                w.WriteFixed("lastFundingRate", s.fundingRate, RateDecimals);
                w.WriteNumber("nextFundingTime", time - (time % fundingPeriod) + fundingPeriod);
                w.WriteFixed("interestRate", s.fundingRate, RateDecimals);
                w.WriteNumber("time", time);
            }));

    private static WireFormat Format(SymbolMarket market, bool futures) =>
        futures ? WireFormat.Futures(market.Instrument) : WireFormat.Spot;

    private static void WriteDayTicker(Utf8JsonWriter w, TickerStats t, SymbolMarket market, Day day)
    {
        var f = Format(market, day.Futures);
        var c = t.Window;
        w.WriteStartObject();
        w.WriteString("symbol", market.Symbol);
        if (!day.Mini)
        {
            var change = c.Close - c.Open;
            var percent = c.Open == 0 ? 0 : change / c.Open * 100;
            var average = c.Volume == 0 ? 0 : c.QuoteVolume / c.Volume;
            w.WriteFixed("priceChange", change, f.PriceDecimals);
            w.WriteFixed("priceChangePercent", percent, 3);
            w.WriteFixed("weightedAvgPrice", average, f.PriceDecimals);
            if (!day.Futures)
            {
                w.WriteFixed("prevClosePrice", t.PrevClose, f.PriceDecimals);
            }

            w.WriteFixed("lastPrice", c.Close, f.PriceDecimals);
            w.WriteFixed("lastQty", t.LastQuantity, f.QuantityDecimals);
            if (!day.Futures)
            {
                WriteTop(w, t.Bid, t.Ask, f);
            }
        }

        w.WriteFixed("openPrice", c.Open, f.PriceDecimals);
        w.WriteFixed("highPrice", c.High, f.PriceDecimals);
        w.WriteFixed("lowPrice", c.Low, f.PriceDecimals);
        if (day.Mini)
        {
            w.WriteFixed("lastPrice", c.Close, f.PriceDecimals);
        }

        w.WriteFixed("volume", c.Volume, f.QuantityDecimals);
        w.WriteFixed("quoteVolume", c.QuoteVolume, f.QuoteDecimals);
        w.WriteNumber("openTime", t.OpenTime);
        w.WriteNumber("closeTime", t.CloseTime);
        w.WriteNumber("firstId", c.FirstTradeId);
        w.WriteNumber("lastId", c.LastTradeId);
        w.WriteNumber("count", c.TradeCount);
        w.WriteEndObject();
    }

    private static void WriteTop(Utf8JsonWriter w, BookLevel bid, BookLevel ask, WireFormat f)
    {
        w.WriteFixed("bidPrice", bid.Price, f.PriceDecimals);
        w.WriteFixed("bidQty", bid.Quantity, f.QuantityDecimals);
        w.WriteFixed("askPrice", ask.Price, f.PriceDecimals);
        w.WriteFixed("askQty", ask.Quantity, f.QuantityDecimals);
    }

    private static void WriteEach(
        Utf8JsonWriter w,
        IReadOnlyList<SymbolMarket> markets,
        bool single,
        Action<Utf8JsonWriter, SymbolMarket> write
    )
    {
        if (!single)
        {
            w.WriteStartArray();
        }

        foreach (var market in markets)
        {
            w.WriteStartObject();
            write(w, market);
            w.WriteEndObject();
        }

        if (!single)
        {
            w.WriteEndArray();
        }
    }

    private static void WriteLevels(Utf8JsonWriter w, string name, IReadOnlyList<BookLevel> side, WireFormat f)
    {
        w.WriteStartArray(name);
        foreach (var level in side)
        {
            w.WriteStartArray();
            w.WriteFixed(level.Price, f.PriceDecimals);
            w.WriteFixed(level.Quantity, f.QuantityDecimals);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    /// <summary>How a 24 h ticker answer is written: object or array, futures or spot, MINI or FULL.</summary>
    internal readonly record struct Day(bool Single, bool Futures, bool Mini);
}
