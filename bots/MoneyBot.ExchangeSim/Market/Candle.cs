namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// One kline with Binance's fields. A candle without trades has open = high = low = close = the
/// previous close, zero volume and trade ids of -1.
/// </summary>
/// <param name="OpenTime">Open time, Unix ms.</param>
/// <param name="CloseTime">Open time + interval - 1 ms.</param>
/// <param name="Open">First trade price.</param>
/// <param name="High">Highest trade price.</param>
/// <param name="Low">Lowest trade price.</param>
/// <param name="Close">Last trade price.</param>
/// <param name="Volume">Base asset volume.</param>
/// <param name="QuoteVolume">Quote asset volume (sum of price x quantity).</param>
/// <param name="TradeCount">Number of (raw) trades, as Binance counts: <c>LastTradeId - FirstTradeId + 1</c>.</param>
/// <param name="FirstTradeId">First (raw) trade id, -1 when empty; an aggregate trade spans raw ids f..l.</param>
/// <param name="LastTradeId">Last (raw) trade id, -1 when empty.</param>
/// <param name="TakerBuyVolume">Base volume of buyer-aggressor trades.</param>
/// <param name="TakerBuyQuoteVolume">Quote volume of buyer-aggressor trades.</param>
public readonly record struct Candle(
    long OpenTime,
    long CloseTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    decimal QuoteVolume,
    int TradeCount,
    long FirstTradeId,
    long LastTradeId,
    decimal TakerBuyVolume,
    decimal TakerBuyQuoteVolume
)
{
    /// <summary>True when no trade fell in the candle.</summary>
    public bool IsEmpty => TradeCount == 0;

    /// <summary>A candle without trades, flat at <paramref name="previousClose"/>.</summary>
    public static Candle Empty(long openTime, long intervalMs, decimal previousClose) =>
        new(
            openTime,
            openTime + intervalMs - 1,
            previousClose,
            previousClose,
            previousClose,
            previousClose,
            0m,
            0m,
            0,
            -1,
            -1,
            0m,
            0m
        );

    /// <summary>This candle with one more trade (which must fall inside it, after the others).</summary>
    public Candle Add(in AggTrade trade)
    {
        var quote = trade.Price * trade.Quantity;
        var takerBuy = !trade.IsBuyerMaker;
        return this with
        {
            Open = IsEmpty ? trade.Price : Open,
            High = IsEmpty ? trade.Price : Math.Max(High, trade.Price),
            Low = IsEmpty ? trade.Price : Math.Min(Low, trade.Price),
            Close = trade.Price,
            Volume = Volume + trade.Quantity,
            QuoteVolume = QuoteVolume + quote,
            TradeCount = TradeCount + (int)(trade.LastTradeId - trade.FirstTradeId + 1),
            FirstTradeId = IsEmpty ? trade.FirstTradeId : FirstTradeId,
            LastTradeId = trade.LastTradeId,
            TakerBuyVolume = takerBuy ? TakerBuyVolume + trade.Quantity : TakerBuyVolume,
            TakerBuyQuoteVolume = takerBuy ? TakerBuyQuoteVolume + quote : TakerBuyQuoteVolume,
        };
    }

    /// <summary>
    /// This (longer) candle extended by <paramref name="part"/>, a shorter candle that follows the
    /// parts already absorbed. Empty parts change nothing; the times of this candle stay.
    /// </summary>
    public Candle Absorb(in Candle part)
    {
        if (part.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return part with { OpenTime = OpenTime, CloseTime = CloseTime };
        }

        return this with
        {
            High = Math.Max(High, part.High),
            Low = Math.Min(Low, part.Low),
            Close = part.Close,
            Volume = Volume + part.Volume,
            QuoteVolume = QuoteVolume + part.QuoteVolume,
            TradeCount = TradeCount + part.TradeCount,
            LastTradeId = part.LastTradeId,
            TakerBuyVolume = TakerBuyVolume + part.TakerBuyVolume,
            TakerBuyQuoteVolume = TakerBuyQuoteVolume + part.TakerBuyQuoteVolume,
        };
    }
}
