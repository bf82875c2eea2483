using System.Runtime.CompilerServices;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Feeds;
using MoneyBot.MarketData.Models;
using MoneyBot.MarketData.Rest;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>
/// The feed fed by hand (klines taken from the simulated exchange), its backfills served by the exchange's REST API.
/// </summary>
public sealed class ClosedKlineFeedSourceTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly CapturingLogger _log = new();
    private SimulatedExchangeHost _exchange = null!;
    private ClosedKlineFeed _feed = null!;
    private IReadOnlyList<Kline> _history = null!;

    public async Task InitializeAsync()
    {
        _exchange = await Exchange.StartAsync(speed: 1);
        var rest = new BinanceRestClient(_http, _exchange.Endpoints());
        _feed = new ClosedKlineFeed(
            rest,
            Market.Spot,
            Exchange.Symbol,
            Exchange.Interval,
            _log,
            retry: Exchange.FastBackoff
        );
        var recent = await rest.GetClosedKlinesAsync(
            Market.Spot,
            Exchange.Symbol,
            Exchange.Interval,
            _exchange.ProcessedUntil - TimeSpan.FromMinutes(40)
        );
        Assert.True(recent.Ok, recent.Description);
        _history = recent.Value;
    }

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task Repeated_and_older_klines_are_ignored_and_open_ones_never_pass()
    {
        var open = _history[3] with { IsClosed = false };

        var klines = await ReadAllAsync(
            _feed.ReadAsync(Messages(_history[0], _history[1], _history[1], _history[0], open, _history[2]), null)
        );

        Assert.Equal(
            [_history[0].OpenTime, _history[1].OpenTime, _history[2].OpenTime],
            klines.Select(k => k.OpenTime)
        );
        Assert.Equal(new ClosedKlineFeedCounters(3, 0, 2, 0, 0), _feed.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_jump_in_open_times_is_filled_by_rest_before_the_kline_after_it()
    {
        var klines = await ReadAllAsync(_feed.ReadAsync(Messages(_history[0], _history[6], _history[7]), null));

        Assert.Equal(_history.Take(8).Select(k => k.OpenTime), klines.Select(k => k.OpenTime));
        Assert.Equal(
            _history.Take(8).Select(k => (k.Open, k.High, k.Low, k.Close)),
            klines.Select(k => (k.Open, k.High, k.Low, k.Close))
        );
        Assert.Equal(new ClosedKlineFeedCounters(3, 5, 0, 0, 0), _feed.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failed_backfill_is_retried_until_rest_answers()
    {
        async IAsyncEnumerable<StreamMessage> Source(
            [EnumeratorCancellation] CancellationToken cancellationToken = default
        )
        {
            await foreach (var message in Messages(_history[0]).WithCancellation(cancellationToken))
            {
                yield return message;
            }

            _exchange.Refuse(TimeSpan.FromMilliseconds(500));
            yield return Message(_history[4]);
        }

        var klines = await ReadAllAsync(_feed.ReadAsync(Source(), null));

        Assert.Equal(_history.Take(5).Select(k => k.OpenTime), klines.Select(k => k.OpenTime));
        Assert.True(_feed.Counters.BackfillFailures >= 1, _feed.Counters.ToString());
        Assert.Contains(_log.Lines, l =>
            l.StartsWith(
                "Warning: BTCUSDT 1m klines: backfill failed (Api: /api/v3/klines: HTTP 503",
                StringComparison.Ordinal
            )
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_reconnection_notice_fetches_what_closed_meanwhile()
    {
        var notice = new ReconnectedMessage(DateTimeOffset.UnixEpoch, "receive: test", 1, DateTimeOffset.UnixEpoch);
        var source = Messages(_history[0]).Concat(new[] { (StreamMessage)notice }.ToAsyncEnumerable());

        var klines = await ReadAllAsync(_feed.ReadAsync(source, null));

        Assert.Equal(_history.Select(k => k.OpenTime), klines.Select(k => k.OpenTime).Take(_history.Count));
        Assert.All(klines, k => Assert.True(k.IsClosed));
        Assert.Contains(_log.Lines, l =>
            l.Contains("to the present by REST (reconnected: receive: test)", StringComparison.Ordinal)
        );
    }

    private static async IAsyncEnumerable<StreamMessage> Messages(params Kline[] klines)
    {
        foreach (var kline in klines)
        {
            await Task.Yield();
            yield return Message(kline);
        }
    }

    private static KlineMessage Message(Kline kline) =>
        new(
            string.Empty,
            new KlineEvent
            {
                EventType = "kline",
                EventTime = kline.CloseTime,
                Symbol = kline.Symbol,
                Kline = kline,
            },
            kline.CloseTime
        );

    private static async Task<List<Kline>> ReadAllAsync(IAsyncEnumerable<Kline> klines)
    {
        var list = new List<Kline>();
        await foreach (var kline in klines)
        {
            list.Add(kline);
        }

        return list;
    }
}
