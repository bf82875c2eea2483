using MoneyBot.MarketData.Json;
using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Rest;

/// <summary>
/// <c>GET /api/v3/aggTrades</c> (spot) or <c>GET /fapi/v1/aggTrades</c> (USD-M futures): aggregate
/// trades from <see cref="FromId"/> (inclusive), or within [<see cref="StartTime"/>, <see cref="EndTime"/>]
/// (at most one hour apart), or the most recent ones; oldest first.
/// </summary>
/// <param name="Market">Spot or USD-M futures.</param>
/// <param name="Symbol">Symbol ("BTCUSDT").</param>
public sealed record GetAggTradesRequest(Market Market, string Symbol) : BinanceRequest<IReadOnlyList<AggTrade>>(Market)
{
    /// <summary>Binance's cap on <see cref="Limit"/>.</summary>
    public const int MaxLimit = 1000;

    /// <summary>First aggregate trade id wanted (inclusive).</summary>
    public long? FromId { get; init; }

    /// <summary>Earliest trade time wanted (inclusive).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Latest trade time wanted (inclusive).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>At most this many rows (Binance's default is 500).</summary>
    public int? Limit { get; init; }

    /// <inheritdoc/>
    public override string Path => Market == Market.Spot ? "/api/v3/aggTrades" : "/fapi/v1/aggTrades";

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, string?>> Query() =>
        [
            new("symbol", Symbol.ToUpperInvariant()),
            new("fromId", Number(FromId)),
            new("startTime", Millis(StartTime)),
            new("endTime", Millis(EndTime)),
            new("limit", Number(Limit)),
        ];

    /// <inheritdoc/>
    public override IReadOnlyList<AggTrade> ReadAnswer(ReadOnlySpan<byte> body) =>
        ReadJson(body, MarketDataJsonContext.Default.IReadOnlyListAggTrade);
}
