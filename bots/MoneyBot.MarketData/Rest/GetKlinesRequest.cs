using System.Text.Json;
using MoneyBot.MarketData.Json;
using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Rest;

/// <summary>
/// <c>GET /api/v3/klines</c> (spot) or <c>GET /fapi/v1/klines</c> (USD-M futures): klines whose open
/// time lies in [<see cref="StartTime"/>, <see cref="EndTime"/>], oldest first. Each row is an array
/// <c>[openTime, "open", "high", "low", "close", "volume", closeTime, "quoteVolume", trades,
/// "takerBuyBase", "takerBuyQuote", "ignore"]</c>. Every row but the newest is known closed
/// (<see cref="Kline.IsClosed"/>); the newest may still be forming, so it is reported not closed.
/// </summary>
/// <param name="Market">Spot or USD-M futures.</param>
/// <param name="Symbol">Symbol ("BTCUSDT").</param>
/// <param name="Interval">Kline interval.</param>
public sealed record GetKlinesRequest(Market Market, string Symbol, KlineInterval Interval)
    : BinanceRequest<IReadOnlyList<Kline>>(Market)
{
    /// <summary>Binance's cap on <see cref="Limit"/> for spot.</summary>
    public const int SpotMaxLimit = 1000;

    /// <summary>Binance's cap on <see cref="Limit"/> for USD-M futures.</summary>
    public const int FuturesMaxLimit = 1500;

    /// <summary>Earliest open time wanted (inclusive).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Latest open time wanted (inclusive).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>At most this many rows (Binance's default is 500).</summary>
    public int? Limit { get; init; }

    /// <inheritdoc/>
    public override string Path => Market == Market.Spot ? "/api/v3/klines" : "/fapi/v1/klines";

    /// <summary>The largest page <paramref name="market"/> allows.</summary>
    public static int MaxLimit(Market market) => market == Market.Spot ? SpotMaxLimit : FuturesMaxLimit;

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, string?>> Query() =>
        [
            new("symbol", Symbol.ToUpperInvariant()),
            new("interval", Interval.Name),
            new("startTime", Millis(StartTime)),
            new("endTime", Millis(EndTime)),
            new("limit", Number(Limit)),
        ];

    /// <inheritdoc/>
    public override IReadOnlyList<Kline> ReadAnswer(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        Expect(ref reader, JsonTokenType.StartArray, "the answer must be an array of klines");
        var rows = new List<Kline>();
        var symbol = Symbol.ToUpperInvariant();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            rows.Add(ReadRow(ref reader, symbol));
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("the kline array is not closed, or something follows it");
        }

        // A row is final when a later one follows it: the exchange opens a kline only after the previous
        // one closed. The newest row is left "not known closed" whatever the local clock says (it may be fast).
        for (var i = 0; i < rows.Count - 1; i++)
        {
            if (rows[i + 1].OpenTime <= rows[i].OpenTime)
            {
                throw new JsonException("kline rows are not in increasing open-time order");
            }

            rows[i] = rows[i] with { IsClosed = true };
        }

        return rows;
    }

    private Kline ReadRow(ref Utf8JsonReader reader, string symbol)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("a kline row must be an array");
        }

        reader.Read();
        var openTime = UnixMillisecondsConverter.ReadTime(ref reader);
        var open = NextDecimal(ref reader);
        var high = NextDecimal(ref reader);
        var low = NextDecimal(ref reader);
        var close = NextDecimal(ref reader);
        var volume = NextDecimal(ref reader);
        reader.Read();
        var closeTime = UnixMillisecondsConverter.ReadTime(ref reader);

        // The optional tail: quote volume, trade count, taker-buy volumes, an ignored field.
        decimal quoteVolume = 0,
            takerBase = 0,
            takerQuote = 0;
        long trades = 0;
        for (var index = 7; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            switch (index)
            {
                case 7:
                    quoteVolume = DecimalStringConverter.ReadDecimal(ref reader);
                    break;
                case 8:
                    trades =
                        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count)
                            ? count
                            : throw new JsonException("the trade count must be an integer");
                    break;
                case 9:
                    takerBase = DecimalStringConverter.ReadDecimal(ref reader);
                    break;
                case 10:
                    takerQuote = DecimalStringConverter.ReadDecimal(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("a kline row is not closed");
        }

        return new Kline
        {
            Symbol = symbol,
            Interval = Interval.Name,
            OpenTime = openTime,
            CloseTime = closeTime,
            Open = open,
            High = high,
            Low = low,
            Close = close,
            Volume = volume,
            QuoteVolume = quoteVolume,
            TradeCount = trades,
            TakerBuyBaseVolume = takerBase,
            TakerBuyQuoteVolume = takerQuote,
            IsClosed = false,
        };
    }

    private static decimal NextDecimal(ref Utf8JsonReader reader)
    {
        reader.Read();
        return DecimalStringConverter.ReadDecimal(ref reader);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException(message);
        }
    }
}
