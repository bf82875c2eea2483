using System.Net;
using System.Net.Sockets;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Common.Resilience;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

public sealed class BinanceStreamBackoffTests
{
    [Fact(Timeout = 30_000)]
    public async Task Reconnect_delays_grow_by_the_shared_policy_with_jitter_up_to_its_cap_and_never_stop()
    {
        // A loopback port that is bound but not listening: every connection is refused at once.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var clock = Clocks.AtNoon();
        var log = new CapturingLogger();
        var policy = new BackoffPolicy(
            TimeSpan.FromSeconds(1),
            2,
            TimeSpan.FromSeconds(4),
            0.5,
            TimeSpan.FromMinutes(1)
        );
        var options = new BinanceStreamOptions(
            new Uri($"ws://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}"),
            ["btcusdt@aggTrade"]
        )
        {
            Reconnect = policy,
        };
        // the low edge of the jitter band: -50%
        await using var stream = new BinanceStream(options, log, clock, random01: () => 0.0);

        stream.Start();

        string[] expected = ["00:00:00.5000000", "00:00:01", "00:00:02", "00:00:02", "00:00:02"];
        for (var attempt = 1; attempt <= expected.Length; attempt++)
        {
            var line = await log.WaitForAsync($"(failure {attempt} in a row)");
            Assert.Contains(
                $"next attempt in {expected[attempt - 1]} (failure {attempt} in a row)",
                line,
                StringComparison.Ordinal
            );
            Assert.Contains("connect: WebSocketException", line, StringComparison.Ordinal);
            Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
            Assert.Equal((StreamState.Connecting, attempt), (stream.Status.State, stream.Status.ConsecutiveFailures));
            await clock.WhenTimerPendingAsync(); // the loop waits out its delay on our clock
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromSeconds(2), stream.Status.LastErrorAt);
    }

    [Fact]
    public void A_status_is_stale_when_no_message_came_within_the_limit()
    {
        var now = new DateTimeOffset(2025, 11, 21, 12, 0, 0, TimeSpan.Zero);

        Assert.True(new StreamStatus().IsStale(now, TimeSpan.FromSeconds(60)));
        Assert.False(new StreamStatus { LastMessageAt = now.AddSeconds(-60) }.IsStale(now, TimeSpan.FromSeconds(60)));
        Assert.True(new StreamStatus { LastMessageAt = now.AddSeconds(-61) }.IsStale(now, TimeSpan.FromSeconds(60)));
    }
}
