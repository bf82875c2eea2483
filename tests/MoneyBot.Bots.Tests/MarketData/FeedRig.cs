using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Feeds;
using MoneyBot.MarketData.Models;
using MoneyBot.MarketData.Rest;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>
/// A <see cref="ClosedKlineFeed"/> reading a live <see cref="BinanceStream"/> of the simulated
/// exchange (with REST backfills from it), the stream's messages, the klines the feed passed on, and the log.
/// </summary>
public sealed class FeedRig : IAsyncDisposable
{
    private readonly SimulatedExchangeHost _exchange;
    private readonly HttpClient _http;

    private FeedRig(
        SimulatedExchangeHost exchange,
        HttpClient http,
        BinanceStream stream,
        ClosedKlineFeed feed,
        CapturingLogger log,
        Collector<StreamMessage> messages,
        Collector<Kline> klines
    )
    {
        _exchange = exchange;
        _http = http;
        Stream = stream;
        Feed = feed;
        Log = log;
        Messages = messages;
        Klines = klines;
    }

    public BinanceStream Stream { get; }

    public ClosedKlineFeed Feed { get; }

    public CapturingLogger Log { get; }

    /// <summary>Everything the stream delivered to the feed, notices included.</summary>
    public Collector<StreamMessage> Messages { get; }

    /// <summary>What the feed passed on.</summary>
    public Collector<Kline> Klines { get; }

    public static FeedRig Start(
        SimulatedExchangeHost exchange,
        Func<BinanceStreamOptions, BinanceStreamOptions>? configure = null,
        DateTimeOffset? lastOpenTime = null
    )
    {
        var http = new HttpClient();
        var log = new CapturingLogger();
        var endpoints = exchange.Endpoints();
        var feed = new ClosedKlineFeed(
            new BinanceRestClient(http, endpoints),
            Market.Spot,
            Exchange.Symbol,
            Exchange.Interval,
            log,
            retry: Exchange.FastBackoff
        );
        var options = feed.StreamOptions(endpoints) with
        {
            Reconnect = Exchange.FastBackoff,
            StaleAfter = TimeSpan.FromSeconds(30),
        };
        var stream = new BinanceStream(configure?.Invoke(options) ?? options, log);
        var messages = Collector.Manual<StreamMessage>();
        var klines = Collector.Start(feed.ReadAsync(Collector.Tee(stream.ReadAllAsync(), messages), lastOpenTime));
        stream.Start();
        return new FeedRig(exchange, http, stream, feed, log, messages, klines);
    }

    /// <summary>Waits until the feed has passed on a kline that opened after <paramref name="time"/>.</summary>
    public Task<IReadOnlyList<Kline>> WaitForKlineAfterAsync(DateTimeOffset time) =>
        Klines.WaitUntilAsync(list => list.Count > 0 && list[^1].OpenTime > time);

    /// <summary>Waits until the feed has passed on klines for two more intervals of exchange time than now.</summary>
    public Task<IReadOnlyList<Kline>> WaitForMoreKlinesAsync() =>
        WaitForKlineAfterAsync(
            Exchange.Interval.OpenTimeOf(_exchange.ProcessedUntil) + (2 * Exchange.Interval.Duration)
        );

    /// <summary>
    /// Every kline passed on is closed, follows the one before by exactly one interval, and equals the exchange's.
    /// </summary>
    public IReadOnlyList<Kline> AssertNoLostCandle()
    {
        var klines = Klines.Items;
        Assert.True(klines.Count >= 2, $"only {klines.Count} klines");
        for (var i = 1; i < klines.Count; i++)
        {
            Assert.True(
                klines[i].OpenTime == klines[i - 1].OpenTime + Exchange.Interval.Duration,
                $"kline {i} opens at {klines[i].OpenTime:O}, after {klines[i - 1].OpenTime:O}: a gap or a repeat"
            );
        }

        Assert.All(klines, k => Assert.True(k.IsClosed));
        var truth = _exchange.Truth(klines[0].OpenTime, klines[^1].OpenTime);
        Assert.Equal(
            truth.Select(c => (c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume, (long)c.TradeCount)),
            klines.Select(k =>
                (k.OpenTime.ToUnixTimeMilliseconds(), k.Open, k.High, k.Low, k.Close, k.Volume, k.TradeCount)
            )
        );
        return klines;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        await Klines.DisposeAsync();
        await Messages.DisposeAsync();
        _http.Dispose();
    }
}
