using MoneyBot.Common.Resilience;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.MarketData;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>The simulated exchange as these tests use it: one symbol, fast time, little history.</summary>
public static class Exchange
{
    public const string Symbol = "BTCUSDT";

    /// <summary>1m klines close every 200 ms of real time at the default speed.</summary>
    public static readonly KlineInterval Interval = KlineInterval.OneMinute;

    /// <summary>Retries within milliseconds, so faults heal quickly in tests.</summary>
    public static readonly BackoffPolicy FastBackoff = new(
        TimeSpan.FromMilliseconds(20),
        2,
        TimeSpan.FromMilliseconds(200),
        0.2,
        TimeSpan.FromSeconds(60)
    );

    public static Task<SimulatedExchangeHost> StartAsync(
        double speed = 300,
        TimeSpan? history = null,
        double tradesPerSecond = 1
    ) =>
        SimulatedExchangeHost.StartAsync(
            SimulatorOptions.Default with
            {
                Symbols = [Symbol],
                Speed = speed,
                History = history ?? TimeSpan.FromHours(2),
                TradesPerSecond = tradesPerSecond,
            }
        );

    /// <summary>
    /// The simulator for both markets: futures streams on its <c>/fapi</c> paths, as in the default config.
    /// </summary>
    public static MarketDataEndpoints Endpoints(this SimulatedExchangeHost host) =>
        new(host.BaseUrl, host.BaseUrl, host.WebSocketUrl, host.FuturesWebSocketUrl);

    /// <summary>The exchange's own klines with open times in [from, to].</summary>
    public static IReadOnlyList<Candle> Truth(
        this SimulatedExchangeHost host,
        DateTimeOffset from,
        DateTimeOffset to
    ) =>
        host.Markets[Symbol]
            .GetKlines(
                CandleInterval.Parse(Interval.Name),
                from.ToUnixTimeMilliseconds(),
                to.ToUnixTimeMilliseconds(),
                1000
            );
}
