using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Bots.Tests.Supervised;

/// <summary>What the tests of bots under the real supervisor share: supervisors, their events, bot args.</summary>
internal static class SupervisedPrograms
{
    /// <summary>Supervises <paramref name="config"/>: logs in <c>logs/</c>, notify sockets in <c>run/</c>.</summary>
    public static ProgramSupervisor Supervise(ProgramConfig config, TempDirectory dir, EventBus bus) =>
        new(
            config,
            dir.File("logs"),
            TimeProvider.System,
            NullLogger.Instance,
            bus,
            notifyDirectory: dir.File("run/notify")
        );

    /// <summary>The args of <c>extgap run</c> on 1m BTCUSDT futures candles, without statistics lines.</summary>
    public static string[] ExtGapRun(
        Uri rest,
        Uri ws,
        string gaps,
        string trades,
        string state,
        params string[] more
    ) =>
        [
            "run",
            "--timeframe",
            "1m",
            "--symbol",
            Exchange.Symbol,
            "--market",
            "futures",
            "--rest-url",
            rest.ToString(),
            "--ws-url",
            ws.ToString(),
            "--gaps-out",
            gaps,
            "--trades-out",
            trades,
            "--state",
            state,
            "--stats-interval",
            "0",
            .. more,
        ];

    /// <summary>The next state change that <paramref name="match"/> accepts, within 60 s.</summary>
    public static async Task<ProgramStateChanged> NextAsync(
        IAsyncEnumerator<SupervisorEvent> events,
        Func<ProgramStateChanged, bool> match
    )
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await events.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
        {
            if (events.Current is ProgramStateChanged change && match(change))
            {
                return change;
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }
}
