using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Metrics;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Reports;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Telegram;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// The daemon, and the one place where its parts are put together. <see cref="StartAsync"/> takes the lock, stops
/// what a killed predecessor left running, then builds everything in one step: the programs (each with its log
/// files and notify endpoint), the command handler that the control socket and the chat share, the admin bot and
/// its reports. Its services start in this order and stop in reverse, each within a bound:
/// <list type="number">
/// <item>the observer (crash counts for the reports),</item>
/// <item>the control server (the CLI),</item>
/// <item>the metrics endpoint (when <c>supervisor.metrics</c> is set; a port it cannot bind is logged, not fatal),
/// </item>
/// <item>the admin bot: notifications, commands, scheduled reports (when Telegram is on),</item>
/// <item>autostart: the programs start once everything that watches them runs,</item>
/// <item>the page releaser (the real daemon only).</item>
/// </list>
/// Then the programs are disposed and their state saved.
/// </summary>
public sealed partial class SupervisorDaemon : IAsyncDisposable
{
    private readonly DaemonLock _daemonLock;
    private readonly ILogger _logger;
    private readonly DaemonStateStore _store;
    private readonly ConfigReloader _config;
    private readonly Autostart _autostart;
    private readonly AdminBot? _adminBot;
    private readonly ServiceHost _services;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _shutdownGate = new();
    private Task? _shutdown;
    private int _disposed;

    private SupervisorDaemon(
        SupervisorConfig config,
        DaemonLock daemonLock,
        DaemonOptions options,
        DaemonStateStore store,
        DaemonState previous
    )
    {
        _daemonLock = daemonLock;
        _store = store;
        _time = options.Time;
        _logger = options.LoggerFactory.CreateLogger("daemon");
        StartedAt = _time.GetUtcNow();
        Programs = new ProgramSet(
            config,
            _time,
            _logger,
            Events,
            previous.StoppedByOperator.ToHashSet(),
            set => store.Save(set.Statuses()),
            options.Random,
            ChildMarker.ForNewDaemon(config.Daemon.RunDir)
        );
        store.Save(Programs.Statuses());
        var ledger = new CrashLedger(_time);
        Reports = new ReportBuilder(Programs.Statuses, ledger, config.Daemon.LogDir, _time, StartedAt);
        _config = new ConfigReloader(config, options.LoadConfig, Programs, _logger);
        var problems = new ServiceProblems();
        var handler = new CommandHandler(
            Programs,
            _config.ReloadAsync,
            ShutdownAsync,
            Reports,
            problems,
            config.Daemon.LogDir
        );
        _adminBot = AdminBot.Create(
            config.Telegram,
            handler.HandleAsync,
            Events,
            name => Programs.Find(name)?.Logs.RecentErrorLines() ?? [],
            Reports,
            problems,
            _time,
            options.LoggerFactory
        );
        _autostart = new Autostart(Programs, Events, options.Autostart, () => _config.Current.SourcePath, _time);
        var pages = options.ReleaseStartupPages ? new PageReleaser(_time, _logger, _autostart.Done) : null;

        _services = new ServiceHost(_logger);
        _services.Add("observer", new DaemonObserver(Events, ledger, pages));
        _services.Add("control server", new ControlServer(config.Daemon.SocketPath, handler.HandleAsync, _logger));
        if (config.Daemon.Metrics is { } metrics)
        {
            MetricsServer = new MetricsServer(metrics, new MetricsSource(Programs, _time), problems, _logger);
            _services.Add(Metrics.MetricsServer.ServiceName, MetricsServer);
        }

        foreach (var service in _adminBot?.Services ?? [])
        {
            _services.Add(service.GetType().Name, service);
        }

        _services.Add("autostart", _autostart);
        if (pages is not null)
        {
            _services.Add("page releaser", pages);
        }
    }

    /// <summary>The configuration in force (reload replaces its programs).</summary>
    public SupervisorConfig Config => _config.Current;

    public ProgramSet Programs { get; }

    public EventBus Events { get; } = new();

    /// <summary>When this daemon started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Health report and daily summary (also sent by Telegram on schedule).</summary>
    public ReportBuilder Reports { get; }

    /// <summary>The metrics endpoint, when <c>supervisor.metrics</c> is set.</summary>
    internal MetricsServer? MetricsServer { get; }

    /// <summary>The services' names in start order (they stop in reverse).</summary>
    internal IReadOnlyList<string> ServiceNames => _services.Names;

    /// <summary>Completes once the daemon has stopped its programs after <c>down</c> or a signal.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Takes the lock, cleans up after a killed predecessor, builds the daemon, starts its services.</summary>
    /// <exception cref="DaemonAlreadyRunningException">Another daemon runs this configuration.</exception>
    public static async Task<SupervisorDaemon> StartAsync(
        SupervisorConfig config,
        DaemonOptions options,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        RunDirectory.Create(config.Daemon.RunDir);
        Directory.CreateDirectory(config.Daemon.LogDir);
        var daemonLock = DaemonLock.TryAcquire(config.Daemon.LockPath)
            ?? throw new DaemonAlreadyRunningException(
                $"a daemon is already running for {config.SourcePath} (lock {config.Daemon.LockPath}, pid "
                    + $"{ReadPid(config)}); "
                    + "use './moneybot status' or './moneybot down' first"
            );
        SupervisorDaemon? daemon = null;
        try
        {
            var logger = options.LoggerFactory.CreateLogger("daemon");
            File.WriteAllText(PidPath(config), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            var store = new DaemonStateStore(config.Daemon.StatePath);
            var previous = store.Load(out var problem);
            if (problem is not null)
            {
                Log.StateProblem(logger, problem);
            }

            var leftovers = await LeftoverChildren
                .StopAsync(
                    previous.Children,
                    config.Daemon.RunDir,
                    options.LeftoverGrace,
                    options.Time,
                    cancellationToken
                )
                .ConfigureAwait(false);
            foreach (var leftover in leftovers)
            {
                Log.LeftoverStopped(logger, leftover.Name, leftover.Pid);
            }

            daemon = new SupervisorDaemon(config, daemonLock, options, store, previous);
            Log.Started(logger, Environment.ProcessId, config.SourcePath, config.Programs.Count);
            foreach (var warning in config.Warnings())
            {
                Log.ConfigWarning(logger, warning);
            }

            // Not the caller's token: it is linked into every service's stopping token, and the CLI cancels it on
            // SIGTERM, which must go through ShutdownAsync (the last notifications, the answers in flight) instead.
            await daemon._services.StartAsync(CancellationToken.None).ConfigureAwait(false);
            return daemon;
        }
        catch
        {
            if (daemon is not null)
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                File.Delete(PidPath(config));
                daemonLock.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Stops every program in reverse dependency order, then completes <see cref="Completion"/>. Idempotent.
    /// </summary>
    public Task ShutdownAsync(string reason)
    {
        lock (_shutdownGate)
        {
            return _shutdown ??= RunShutdownAsync(reason);
        }
    }

    /// <summary>
    /// Re-reads the file and applies it, or refuses it (the running configuration stays) when invalid.
    /// </summary>
    public Task<CommandResult> ReloadAsync(CancellationToken cancellationToken = default) =>
        _config.ReloadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _autostart.GiveUp(); // a shutdown waiting for a start chain that never ran (a start that failed half-way)
        await _services.StopAsync().ConfigureAwait(false);
        if (_adminBot is not null)
        {
            await _adminBot.DisposeAsync().ConfigureAwait(false);
        }

        await Programs.DisposeAsync().ConfigureAwait(false);
        _store.Save(Programs.Statuses());
        File.Delete(PidPath(Config));
        Log.Stopped(_logger);
        _daemonLock.Dispose();
        _config.Dispose();
    }

    private static string PidPath(SupervisorConfig config) => Path.Combine(config.Daemon.RunDir, "moneybot.pid");

    private static string ReadPid(SupervisorConfig config)
    {
        try
        {
            return File.ReadAllText(PidPath(config)).Trim();
        }
        catch (IOException)
        {
            return "unknown"; // no pid file: the message just says so
        }
    }

    private async Task RunShutdownAsync(string reason)
    {
        Log.Stopping(_logger, reason);
        Events.Publish(new DaemonStopping(_time.GetUtcNow(), reason));
        try
        {
            // An autostart chain still in progress ends here: nothing more is spawned, and what it started is
            // stopped with the rest.
            Programs.Close();
            await Programs.StopAsync(Programs.Programs, byOperator: false).ConfigureAwait(false);
            await _autostart.Done.ConfigureAwait(false);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "daemon pid {Pid} supervising {Count} program(s) from {Config}"
        )]
        public static partial void Started(ILogger logger, int pid, string config, int count);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "stopped {Program} (pid {Pid}) left running by a previous daemon"
        )]
        public static partial void LeftoverStopped(ILogger logger, string program, int pid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "config: {Warning}")]
        public static partial void ConfigWarning(ILogger logger, string warning);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}")]
        public static partial void StateProblem(ILogger logger, string problem);

        [LoggerMessage(Level = LogLevel.Information, Message = "daemon stopping: {Reason}")]
        public static partial void Stopping(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "daemon stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
