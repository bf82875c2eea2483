using System.Diagnostics;
using MoneyBot.Bots.Tests.ExtGap.Live;
using MoneyBot.Bots.Tests.Infrastructure;

namespace MoneyBot.Bots.Tests.ExchangeSim;

/// <summary>The real <c>exchange-sim</c> under a notify socket: READY, STATUS, and WATCHDOG while it works.</summary>
public sealed class SimulatorNotifyTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_simulator_pings_WATCHDOG_while_its_pump_steps_and_stops_while_the_pump_is_frozen()
    {
        // Arrange: a watchdog of 1.5 s (a ping every 0.5 s).
        using var notify = new NotifyListener();
        await using var exchange = RunningChild.Start(
            BotExecutables.ExchangeSim,
            ["--urls", "http://127.0.0.1:0", "--speed", "60", "--symbols", "BTCUSDT", "--history", "2h"],
            new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = notify.Path, ["WATCHDOG_USEC"] = "1500000" },
            captureStdout: true
        );
        var listening = await exchange.Output.WaitForAsync(l =>
            l.StartsWith("exchange-sim listening on ", StringComparison.Ordinal)
        );
        var baseUrl = new Uri(listening.Split(' ')[3]);
        var ready = await notify.Datagrams.WaitForAsync(d => d.Has("READY=1"));
        await notify.Datagrams.WaitUntilAsync(list => list.Count(d => d.Has("WATCHDOG=1")) >= 3);

        // Act: the market pump stands still for 6 s, as with a hung timer. Pings go on until the pump has made no step
        // for StaleAfter (2 s), so the silence is about 4 s, never less than 6 - 2 - 0.5 (one ping interval).
        using var http = new HttpClient { BaseAddress = baseUrl };
        var frozenAt = Stopwatch.GetTimestamp();
        (
            await http.PostAsync(new Uri("sim/faults/freeze?seconds=6", UriKind.Relative), null)
        ).EnsureSuccessStatusCode();
        var stale = await notify.Datagrams.WaitForAsync(d =>
            d.Status?.Contains("no market data since", StringComparison.Ordinal) == true
        );
        var resumed = await notify.Datagrams.WaitForAsync(d => d.Has("WATCHDOG=1") && d.ReceivedAt > stale.ReceivedAt);

        // Assert: READY with the status line; no ping for the length of the freeze, pings again after it.
        Assert.Matches(
            @"^market time \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ, 60x, listening on http://127\.0\.0\.1:\d+/$",
            ready.Status!
        );
        var lastBefore = notify.Datagrams.Items.Last(d => d.Has("WATCHDOG=1") && d.ReceivedAt < stale.ReceivedAt);
        var silence = Stopwatch.GetElapsedTime(lastBefore.ReceivedAt, resumed.ReceivedAt);
        Assert.True(silence > TimeSpan.FromSeconds(3), $"pings were {silence} apart across the freeze");
        Assert.True(Stopwatch.GetElapsedTime(frozenAt, resumed.ReceivedAt) >= TimeSpan.FromSeconds(5.5));
        Assert.Contains(notify.Datagrams.Items, d =>
            d.Status?.StartsWith("market time", StringComparison.Ordinal) == true && d.Status != ready.Status
        );
        await exchange.Output.WaitForAsync(l => l.Contains("WATCHDOG=1 withheld", StringComparison.Ordinal));

        await exchange.SignalAsync("TERM");
        Assert.Equal(0, await exchange.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        await notify.Datagrams.WaitForAsync(d => d.Has("STOPPING=1"));
    }
}
