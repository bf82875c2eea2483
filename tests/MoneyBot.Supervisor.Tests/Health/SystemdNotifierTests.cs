using MoneyBot.Common.Notify;
using MoneyBot.Supervisor.Health;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Health;

/// <summary>The bots' side of the notify protocol against the supervisor's side, over a real datagram socket.</summary>
public sealed class SystemdNotifierTests
{
    [Fact(Timeout = 10_000)]
    public async Task Ready_status_and_watchdog_reach_the_supervisors_endpoint()
    {
        using var sandbox = new Sandbox();
        var received = System.Threading.Channels.Channel.CreateUnbounded<NotifyMessage>();
        await using var endpoint = NotifyEndpoint.Open(
            sandbox.Combine("run/notify"),
            "bot",
            m => received.Writer.TryWrite(m),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance
        );
        using var notifier = new SystemdNotifier(endpoint.Path, "30000000");

        Assert.True(notifier.Ready("first candle"));
        Assert.True(notifier.Watchdog());
        var ready = await received.Reader.ReadAsync();
        var ping = await received.Reader.ReadAsync();

        Assert.True(ready.Ready);
        Assert.Equal("first candle", ready.Status);
        Assert.True(ping.Watchdog);
        Assert.Equal(TimeSpan.FromSeconds(30), notifier.WatchdogTimeout);
    }

    [Fact]
    public void Without_notify_socket_every_call_does_nothing()
    {
        using var notifier = new SystemdNotifier(null);

        Assert.False(notifier.Enabled);
        Assert.False(notifier.Ready());
        Assert.Null(notifier.WatchdogTimeout);
    }
}
