using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>Each fault the simulated exchange can inject, and how the stream survives it.</summary>
public sealed class BinanceStreamFaultTests : IAsyncLifetime
{
    private SimulatedExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await Exchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task A_hung_stream_is_caught_by_the_staleness_timeout_and_reconnected()
    {
        await using var rig = StreamRig.Start(_exchange, o => o with { StaleAfter = TimeSpan.FromSeconds(1) });
        await rig.WaitForClosedKlinesAsync(1);

        _exchange.Stall(TimeSpan.FromMinutes(1));
        var failure = await rig.Log.WaitForAsync("stale: no message for 1s");
        _exchange.ClearFaults();
        var notice = await rig.Messages.WaitForAsync(m => m is ReconnectedMessage);
        var index = rig.Messages.Items.ToList().IndexOf(notice);
        await rig.WaitForClosedKlinesAsync(1, after: index);

        Assert.StartsWith(
            "Warning: stream btcusdt@kline_1m: stale: no message for 1s; next attempt in",
            failure,
            StringComparison.Ordinal
        );
        Assert.Equal("stale: no message for 1s", ((ReconnectedMessage)notice).Reason);
        var status = rig.Stream.Status;
        Assert.Equal(StreamState.Connected, status.State);
        Assert.StartsWith("stale", status.LastError, StringComparison.Ordinal);
        Assert.True(status.Reconnects >= 1 && status.LastErrorAt is not null);
        Assert.Contains(rig.Log.Lines, l => l.Contains("Connected -> Reconnecting (stale", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_dropped_connection_is_reconnected_and_the_gap_announced()
    {
        await using var rig = StreamRig.Start(_exchange);
        await rig.WaitForClosedKlinesAsync(1);
        var lastBefore = rig.Stream.Status.LastMessageAt!.Value;

        Assert.Equal(1, _exchange.DropConnections());
        var notice = Assert.IsType<ReconnectedMessage>(await rig.Messages.WaitForAsync(m => m is ReconnectedMessage));
        var index = rig.Messages.Items.ToList().IndexOf(notice);
        await rig.WaitForClosedKlinesAsync(1, after: index);

        Assert.StartsWith("receive: ", notice.Reason, StringComparison.Ordinal);
        Assert.True(notice.GapStart >= lastBefore && notice.GapStart <= notice.ReceivedAt);
        Assert.Equal(1, notice.Reconnects);
        var status = rig.Stream.Status;
        Assert.Equal((StreamState.Connected, 1, 0), (status.State, status.Reconnects, status.ConsecutiveFailures));
        Assert.Equal(notice.Reason, status.LastError);
        Assert.Contains(rig.Log.Lines, l =>
            l.StartsWith("Warning: stream btcusdt@kline_1m: receive: ", StringComparison.Ordinal)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_malformed_message_is_skipped_counted_and_logged_with_an_excerpt()
    {
        await using var rig = StreamRig.Start(_exchange);
        await rig.WaitForClosedKlinesAsync(1);

        Assert.Equal(1, _exchange.SendMalformed());
        var line = await rig.Log.WaitForAsync("skipped malformed message #1");
        var after = rig.Messages.Items.Count - 1;
        await rig.WaitForClosedKlinesAsync(2, after);

        Assert.Contains("{\"e\":\"aggTrade\",\"E\":17,\"s\":\"BTC", line, StringComparison.Ordinal);
        var status = rig.Stream.Status;
        Assert.Equal(
            (1L, 0, StreamState.Connected, null),
            (status.Malformed, status.Reconnects, status.State, status.LastError)
        );
        Assert.DoesNotContain(rig.Messages.Items, m => m is ReconnectedMessage);
    }

    [Fact(Timeout = 30_000)]
    public async Task Refused_connections_are_retried_until_the_exchange_accepts_them()
    {
        _exchange.Refuse(TimeSpan.FromMinutes(1));
        await using var rig = StreamRig.Start(_exchange);

        await rig.Log.WaitForAsync("503", count: 3);
        var refused = rig.Stream.Status;
        _exchange.ClearFaults();
        await rig.WaitForClosedKlinesAsync(1);

        Assert.Equal(StreamState.Connecting, refused.State);
        Assert.True(refused.ConsecutiveFailures >= 3);
        Assert.Contains("503", refused.LastError, StringComparison.Ordinal);
        Assert.Null(refused.LastMessageAt);
        var status = rig.Stream.Status;
        Assert.Equal((StreamState.Connected, 0, 0), (status.State, status.Reconnects, status.ConsecutiveFailures));
        // nothing was missed: no connection had opened
        Assert.DoesNotContain(rig.Messages.Items, m => m is ReconnectedMessage);
    }
}
