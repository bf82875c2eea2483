using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;

namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>
/// The simulator's end of the notify protocol, through the bots' <see cref="HealthReporter"/>: READY=1 once it
/// listens, STATUS= with its market time and speed (every second, when it changed), WATCHDOG=1 every third of
/// WATCHDOG_USEC only while the market pump makes steps (a pump that stood still for <see cref="StaleAfter"/>
/// stops the pings, so a frozen simulator gets restarted), STOPPING=1 on the way out.
/// </summary>
public sealed class SimulatorHealth : IDisposable
{
    /// <summary>No pump step for this long (20 ticks): the pump is frozen, no more WATCHDOG=1.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);
    private readonly SimulatedExchangeHost _host;
    private readonly HealthReporter _health;
    private readonly ITimer _status;

    /// <summary>Starts reporting for <paramref name="host"/>, which listens already: READY=1 goes out now.</summary>
    /// <param name="host">The running simulator.</param>
    /// <param name="supervisor">NOTIFY_SOCKET and WATCHDOG_USEC (nothing is sent when not supervised).</param>
    /// <param name="time">Clock for the pings, the status and staleness.</param>
    /// <param name="logger">Where READY and pump stalls are logged.</param>
    public SimulatorHealth(
        SimulatedExchangeHost host,
        SupervisedEnvironment supervisor,
        TimeProvider time,
        ILogger logger
    )
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(supervisor);
        _host = host;
        _health = HealthReporter.ForBot(
            supervisor.NotifySocket,
            supervisor.WatchdogTimeout,
            StaleAfter,
            time,
            logger,
            supervisor.WatchdogPid
        );
        _health.Status(StatusLine(host));
        _health.Start(() => host.LastPumpStepAt);
        _health.MarketData();
        _status = time.CreateTimer(_ => _health.Status(StatusLine(_host)), null, StatusInterval, StatusInterval);
    }

    /// <summary>
    /// The STATUS= line: <c>market time 2026-12-03 19:00:42Z, 60x, listening on http://127.0.0.1:8090/</c> (the time
    /// the pump has reached).
    /// </summary>
    public static string StatusLine(SimulatedExchangeHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"market time {host.ProcessedUntil:yyyy-MM-dd HH:mm:ss}Z, {host.Options.Speed}x, "
                + $"listening on {host.BaseUrl}"
        );
    }

    /// <summary>Sends STOPPING=1; nothing follows.</summary>
    public void Stopping()
    {
        _status.Dispose();
        _health.Stopping();
    }

    /// <summary>Stops the timers and closes the socket.</summary>
    public void Dispose()
    {
        _status.Dispose();
        _health.Dispose();
    }
}
