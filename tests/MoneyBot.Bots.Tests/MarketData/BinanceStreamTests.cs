using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

public sealed class BinanceStreamTests : IAsyncLifetime
{
    private SimulatedExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await Exchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task Closed_klines_arrive_on_a_raw_stream_and_match_the_exchange()
    {
        await using var rig = StreamRig.Start(_exchange);

        var seen = await rig.WaitForClosedKlinesAsync(3);

        var closed = seen.OfType<KlineMessage>().Where(m => m.Event.Kline.IsClosed).Select(m => m.Event.Kline).ToList();
        Assert.All(closed.Zip(closed.Skip(1)), pair =>
            Assert.Equal(pair.First.OpenTime + Exchange.Interval.Duration, pair.Second.OpenTime)
        );
        var truth = _exchange.Truth(closed[0].OpenTime, closed[^1].OpenTime);
        Assert.Equal(
            truth.Select(c => (c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume)),
            closed.Select(k => (k.OpenTime.ToUnixTimeMilliseconds(), k.Open, k.High, k.Low, k.Close, k.Volume))
        );
        Assert.All(seen.OfType<KlineMessage>(), m => Assert.Equal("btcusdt@kline_1m", m.Stream));
        var status = rig.Stream.Status;
        Assert.Equal(
            (StreamState.Connected, 0, 0, null),
            (status.State, status.Reconnects, status.ConsecutiveFailures, status.LastError)
        );
        Assert.NotNull(status.ConnectedAt);
        Assert.True(status.Messages >= seen.Count && status.LastMessageAt is not null);
        Assert.Contains(rig.Log.Lines, l => l.Contains("Connecting -> Connected", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_combined_stream_delivers_each_kind_under_its_stream_name()
    {
        await using var rig = StreamRig.Start(
            _exchange,
            streams: ["btcusdt@kline_1m", "btcusdt@aggTrade", "btcusdt@depth20@100ms"]
        );

        var seen = await rig.Messages.WaitUntilAsync(list =>
            list.OfType<KlineMessage>().Any()
            && list.OfType<AggTradeMessage>().Count() >= 20
            && list.OfType<DepthMessage>().Any()
        );

        Assert.Contains(
            "/stream?streams=btcusdt@kline_1m/btcusdt@aggTrade/btcusdt@depth20@100ms",
            rig.Stream.Uri.ToString(),
            StringComparison.Ordinal
        );
        Assert.All(seen.OfType<AggTradeMessage>(), m => Assert.Equal("btcusdt@aggTrade", m.Stream));
        var ids = seen.OfType<AggTradeMessage>().Select(m => m.Trade.AggregateTradeId).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ids[0] + i), ids);
        var depth = seen.OfType<DepthMessage>().First();
        Assert.Equal(
            ("btcusdt@depth20@100ms", "BTCUSDT", 20, 20),
            (depth.Stream, depth.Symbol, depth.Book.Bids.Count, depth.Book.Asks.Count)
        );
        Assert.True(depth.Book.Bids[0].Price < depth.Book.Asks[0].Price);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_status_says_stopped_before_start_and_after_dispose_and_reading_ends()
    {
        var log = new CapturingLogger();
        var stream = new BinanceStream(new BinanceStreamOptions(_exchange.WebSocketUrl, ["btcusdt@kline_1m"]), log);
        Assert.Equal(StreamState.Stopped, stream.Status.State);
        var messages = Collector.Start(stream.ReadAllAsync());
        stream.Start();
        await messages.WaitUntilAsync(list => list.Count > 0);

        await stream.DisposeAsync();
        await stream.DisposeAsync();

        var status = stream.Status;
        Assert.Equal((StreamState.Stopped, (DateTimeOffset?)null), (status.State, status.ConnectedAt));
        // the sequence ended
        await Assert.ThrowsAsync<InvalidOperationException>(() => messages.WaitUntilAsync(_ => false));
        Assert.Throws<ObjectDisposedException>(stream.Start);
        Assert.Contains(log.Lines, l => l.Contains("Connected -> Stopped", StringComparison.Ordinal));
        await messages.DisposeAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_handshake_that_never_completes_hits_the_connect_timeout_and_is_retried()
    {
        await using var silent = new HangingServer();
        await using var rig = StreamRig.Start(silent.WebSocketUrl, o =>
            o with
            {
                ConnectTimeout = TimeSpan.FromMilliseconds(300),
            }
        );

        await rig.Log.WaitForAsync("connect: no handshake within 0.3s", count: 2);

        var status = rig.Stream.Status;
        Assert.Equal(StreamState.Connecting, status.State);
        Assert.Equal("connect: no handshake within 0.3s", status.LastError);
        Assert.True(status.ConsecutiveFailures >= 2);
        Assert.Null(status.ConnectedAt);
        Assert.DoesNotContain(rig.Log.Lines, l => l.Contains("-> Connected", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_connection_is_renewed_before_its_maximum_age_without_counting_a_failure()
    {
        await using var rig = StreamRig.Start(_exchange, o => o with { MaxConnectionAge = TimeSpan.FromSeconds(1) });

        var notice = await rig.Messages.WaitForAsync(m => m is ReconnectedMessage);
        var index = rig.Messages.Items.ToList().IndexOf(notice);
        await rig.WaitForClosedKlinesAsync(1, after: index);

        var reconnected = Assert.IsType<ReconnectedMessage>(notice);
        Assert.StartsWith("planned reconnect", reconnected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, reconnected.Reconnects);
        var status = rig.Stream.Status;
        Assert.Null(status.LastError);
        Assert.True(status.Reconnects >= 1);
        Assert.Contains(rig.Log.Lines, l =>
            l.StartsWith("Information: stream btcusdt@kline_1m: planned reconnect", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(rig.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_consumer_that_falls_behind_loses_the_oldest_messages_and_is_told_how_many()
    {
        await using var rig = StreamRig.Start(
            _exchange,
            o => o with { Capacity = 16 },
            read: false,
            "btcusdt@aggTrade",
            "btcusdt@depth20@100ms",
            "btcusdt@kline_1m"
        );
        while (rig.Stream.Status.Dropped == 0)
        {
            // the exchange publishes more
            await _exchange.WaitForMarketTimeAsync(_exchange.ProcessedUntil.AddSeconds(1));
        }

        await using var messages = Collector.Start(rig.Stream.ReadAllAsync());
        var first = await messages.WaitForAsync(_ => true);

        var notice = Assert.IsType<MessagesDroppedMessage>(first);
        Assert.True(notice.Count >= 1);
        await rig.Log.WaitForAsync("the consumer is behind; 1 messages dropped so far");
        Assert.Equal(StreamState.Connected, rig.Stream.Status.State);
    }
}
