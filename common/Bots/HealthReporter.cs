using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Notify;

namespace MoneyBot.Common.Bots;

/// <summary>
/// Tells the supervisor how the bot is (notify protocol): READY=1 at the first market data, STATUS= with
/// the one-line summary, WATCHDOG=1 only while the stream delivers (a hung websocket stops the pings,
/// so the supervisor restarts the bot), STOPPING=1 on the way out. While the bot says its input is of no use
/// (<see cref="Withhold"/>: the market is behind its saved state), neither READY=1 nor WATCHDOG=1 goes out, however
/// much data flows. Thread-safe.
/// </summary>
public sealed partial class HealthReporter : IDisposable
{
    /// <summary>How often WATCHDOG=1 goes out when the supervisor gave no watchdog timeout.</summary>
    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromSeconds(10);

    private readonly SystemdNotifier _notifier;
    private readonly TimeSpan _staleAfter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Func<DateTimeOffset?> _lastMarketData = () => null;
    private string _status = "starting";
    private bool _ready;
    private bool _stale;
    private bool _stopping;
    private bool _withheld;
    private string? _withheldWhy;

    /// <summary>
    /// A reporter for a bot: notifications go to <paramref name="notifySocket"/> (none: not supervised) and the
    /// supervisor's watchdog timeout, when set, paces the WATCHDOG=1 pings. A <paramref name="watchdogPid"/>
    /// (WATCHDOG_PID) that names another process means the watchdog is not this bot's: it sends no WATCHDOG=1.
    /// </summary>
    public static HealthReporter ForBot(
        string? notifySocket,
        TimeSpan? watchdogTimeout,
        TimeSpan staleAfter,
        TimeProvider time,
        ILogger logger,
        string? watchdogPid = null
    )
    {
        var watchdogUsec = watchdogTimeout is { } timeout
            ? ((long)timeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture)
            : null;
        return new HealthReporter(
            new SystemdNotifier(notifySocket, watchdogUsec, watchdogPid),
            staleAfter,
            time,
            logger
        );
    }

    /// <summary>Reports through <paramref name="notifier"/> (owned and disposed here).</summary>
    /// <param name="notifier">The notify socket; does nothing when the bot is not supervised.</param>
    /// <param name="staleAfter">No stream message for this long: no more WATCHDOG=1.</param>
    /// <param name="time">Clock for the pings and for staleness.</param>
    /// <param name="logger">Where READY and staleness changes are logged.</param>
    public HealthReporter(SystemdNotifier notifier, TimeSpan staleAfter, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_notifier, _staleAfter, _time, _logger) = (notifier, staleAfter, time, logger);
    }

    /// <summary>Between two WATCHDOG=1 while data flows: a third of the watchdog timeout.</summary>
    public TimeSpan PingInterval => _notifier.WatchdogTimeout is { } timeout ? timeout / 3 : DefaultPingInterval;

    /// <summary>
    /// Starts the watchdog pings; <paramref name="lastStreamMessage"/> says when the stream last delivered.
    /// </summary>
    public void Start(Func<DateTimeOffset?> lastStreamMessage)
    {
        ArgumentNullException.ThrowIfNull(lastStreamMessage);
        lock (_gate)
        {
            _lastMarketData = lastStreamMessage;
            if (_notifier.Enabled && _timer is null)
            {
                _timer = _time.CreateTimer(_ => Tick(), null, PingInterval, PingInterval);
                if (_notifier.WatchdogOwner is { } owner)
                {
                    Log.WatchdogNotOurs(_logger, owner, Environment.ProcessId);
                }
            }
        }
    }

    /// <summary>Market data arrived (a stream message or a candle): the first sends READY=1.</summary>
    public void MarketData()
    {
        lock (_gate)
        {
            if (_ready || _stopping || _withheld)
            {
                return;
            }

            _ready = true;
            _notifier.Ready(_status);
        }

        Log.Ready(_logger);
    }

    /// <summary>Sends STATUS= when the summary changed.</summary>
    public void Status(string line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(line);
        lock (_gate)
        {
            if (line != _status && !_stopping)
            {
                _status = line;
                _notifier.Status(Shown());
            }
        }
    }

    /// <summary>
    /// The bot's input is of no use (the market is behind its saved state): no READY=1 and no WATCHDOG=1 until
    /// <see cref="Resume"/>, so the supervisor does not take a bot that processes nothing for a healthy one.
    /// <paramref name="why"/>, when given, is added to the STATUS= line (sent when it changes); null withholds
    /// silently (not checked yet).
    /// </summary>
    public void Withhold(string? why)
    {
        lock (_gate)
        {
            var before = Shown();
            (_withheld, _withheldWhy) = (true, why);
            if (!_stopping && Shown() != before)
            {
                _notifier.Status(Shown());
            }
        }
    }

    /// <summary>The input is of use again: READY=1 (if not sent yet) and WATCHDOG=1 go out as data flows.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            if (!_withheld)
            {
                return;
            }

            var before = Shown();
            (_withheld, _withheldWhy) = (false, null);
            if (!_stopping && Shown() != before)
            {
                _notifier.Status(Shown());
            }
        }
    }

    /// <summary>Sends STOPPING=1; no ping or status follows.</summary>
    public void Stopping()
    {
        lock (_gate)
        {
            _stopping = true;
            _timer?.Dispose();
            _timer = null;
            _notifier.Stopping();
        }
    }

    /// <summary>Stops the pings and closes the socket.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            _timer?.Dispose();
            _timer = null;
        }

        _notifier.Dispose();
    }

    private void Tick()
    {
        bool fresh;
        bool changed;
        bool becameReady = false;
        DateTimeOffset? last;
        lock (_gate)
        {
            // Decided and sent under the lock: a ping never goes out after a later tick found the stream silent.
            last = _lastMarketData();
            fresh = last is { } t && _time.GetUtcNow() - t <= _staleAfter;
            if (_stopping || _withheld || (!_ready && !fresh))
            {
                return;
            }

            if (!_ready)
            {
                // the stream delivers while the candle loop is still busy (a long backfill)
                _ready = becameReady = true;
                _notifier.Ready(_status);
            }

            changed = _stale == fresh;
            _stale = !fresh;
            if (fresh)
            {
                _notifier.Watchdog();
            }
            else if (changed)
            {
                _notifier.Status($"{_status} · no market data since {last:HH:mm:ss}Z");
            }
        }

        if (becameReady)
        {
            Log.Ready(_logger);
        }

        if (changed && fresh)
        {
            Log.MarketDataResumed(_logger);
        }
        else if (changed)
        {
            Log.MarketDataStale(_logger, last, _staleAfter);
        }
    }

    /// <summary>The STATUS= line as it stands: the summary, and why READY/WATCHDOG are withheld, if they are.</summary>
    private string Shown() => _withheld && _withheldWhy is { } why ? $"{_status} · {why}" : _status;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "market data flows: READY=1 sent to the supervisor")]
        public static partial void Ready(ILogger logger);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "no market data since {Last:O} (more than {StaleAfter}): WATCHDOG=1 withheld until it flows again"
        )]
        public static partial void MarketDataStale(ILogger logger, DateTimeOffset? last, TimeSpan staleAfter);

        [LoggerMessage(Level = LogLevel.Information, Message = "market data flows again: WATCHDOG=1 resumed")]
        public static partial void MarketDataResumed(ILogger logger);

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "WATCHDOG_PID names process {Owner}, not this one ({Self}): the watchdog is not ours; "
                + "no WATCHDOG=1 will be sent"
        )]
        public static partial void WatchdogNotOurs(ILogger logger, int owner, int self);
    }
}
