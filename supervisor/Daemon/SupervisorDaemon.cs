using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Reports;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Telegram;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// The daemon: holds the lock, stops leftovers of a killed predecessor, supervises the programs,
/// remembers operator stops and children in the state file, and answers the control socket.
/// </summary>
public sealed partial class SupervisorDaemon : IAsyncDisposable
{
    private readonly DaemonLock _daemonLock;
    private readonly DaemonOptions _options;
    private readonly ILogger _logger;
    private readonly DaemonStateStore _store;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _shutdownGate = new();
    private readonly CrashLedger _ledger;
    private readonly CancellationTokenSource _observing = new();
    private Task _observer = Task.CompletedTask;
    private PageReleaser? _pages;
    private Task _releasing = Task.CompletedTask;
    private ControlServer? _server;
    private AdminBot? _adminBot;
    private Task? _shutdown;
    private Task _autostart = Task.CompletedTask;
    private int _disposed;

    private SupervisorDaemon(SupervisorConfig config, DaemonLock daemonLock, DaemonOptions options)
    {
        Config = config;
        _daemonLock = daemonLock;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("daemon");
        _store = new DaemonStateStore(config.Daemon.StatePath);
        StartedAt = options.Time.GetUtcNow();
        _ledger = new CrashLedger(options.Time);
        Reports = new ReportBuilder(
            () => Programs?.Statuses() ?? [],
            _ledger,
            config.Daemon.LogDir,
            options.Time,
            StartedAt
        );
        Programs = null!;
    }

    public SupervisorConfig Config { get; private set; }

    public ProgramSet Programs { get; private set; }

    public EventBus Events { get; } = new();

    /// <summary>When this daemon started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Health report and daily summary (also sent by Telegram on schedule).</summary>
    public ReportBuilder Reports { get; }

    /// <summary>What is wrong with the admin bot's polling now (another process polling its token, say).</summary>
    internal string? TelegramProblem => _adminBot?.Problem;

    /// <summary>Completes once the daemon has stopped its programs after <c>down</c> or a signal.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Takes the lock, cleans up after a killed predecessor and starts supervising.</summary>
    /// <exception cref="DaemonAlreadyRunningException">Another daemon runs this configuration.</exception>
    public static async Task<SupervisorDaemon> StartAsync(
        SupervisorConfig config,
        DaemonOptions options,
        CancellationToken cancellationToken = default
    )
    {
        RunDirectory.Create(config.Daemon.RunDir);
        Directory.CreateDirectory(config.Daemon.LogDir);
        var daemonLock = DaemonLock.TryAcquire(config.Daemon.LockPath)
            ?? throw new DaemonAlreadyRunningException(
                $"a daemon is already running for {config.SourcePath} (lock {config.Daemon.LockPath}, pid "
                    + $"{ReadPid(config)}); "
                    + "use './moneybot status' or './moneybot down' first"
            );
        var daemon = new SupervisorDaemon(config, daemonLock, options);
        try
        {
            await daemon.InitialiseAsync(cancellationToken).ConfigureAwait(false);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync().ConfigureAwait(false);
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
    public async Task<ControlResponse> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = _options.LoadConfig(Config.SourcePath);
            if (!result.IsValid)
            {
                Log.ReloadRefused(_logger, result.Errors.Count);
                return new ControlResponse(
                    false,
                    $"{Config.SourcePath} has {result.Errors.Count} error(s); the running configuration was kept",
                    Problems: result.Errors.Select(e => e.ToString()).ToList()
                );
            }

            var next = result.Config!;
            if (next.EmptyRefusal is { } refusal)
            {
                Log.ReloadRefused(_logger, 1);
                return new ControlResponse(
                    false,
                    $"{Config.SourcePath} defines no program; the running configuration was kept",
                    Problems: [$"{Config.SourcePath}: programs: {refusal}"]
                );
            }

            var notes = next.Warnings().Select(w => "warning: " + w).ToList();
            if (next.Daemon != Config.Daemon)
            {
                notes.Add("changes to the supervisor: section apply after the daemon restarts");
            }

            if (!SameTelegram(next.Telegram, Config.Telegram))
            {
                notes.Add("changes to the telegram: section apply after the daemon restarts");
            }

            var summary = await Programs.ReloadAsync(next, cancellationToken).ConfigureAwait(false);
            Config = next with { Daemon = Config.Daemon, Telegram = Config.Telegram };
            Log.Reloaded(_logger, summary);
            return new ControlResponse(
                true,
                "reload applied: " + summary,
                Programs.Statuses().Select(ProgramStatusDto.From).ToList(),
                notes
            );
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        await _autostart.ConfigureAwait(false);
        if (_adminBot is not null)
        {
            await _adminBot.DisposeAsync().ConfigureAwait(false);
        }

        await _observing.CancelAsync().ConfigureAwait(false);
        await _observer.ConfigureAwait(false);
        await _releasing.ConfigureAwait(false);
        _observing.Dispose();
        if (Programs is not null)
        {
            await Programs.DisposeAsync().ConfigureAwait(false);
            _store.Save(Programs.Statuses());
        }

        File.Delete(PidPath(Config));
        Log.Stopped(_logger);
        _daemonLock.Dispose();
        _reloadGate.Dispose();
    }

    private static bool SameTelegram(TelegramSettings a, TelegramSettings b) =>
        a with { ChatIds = [], AdminUsers = [] } == b with { ChatIds = [], AdminUsers = [] }
        && a.ChatIds.SequenceEqual(b.ChatIds)
        && a.AdminUsers.SequenceEqual(b.AdminUsers);

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

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        File.WriteAllText(PidPath(Config), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        var previous = _store.Load(out var problem);
        if (problem is not null)
        {
            Log.StateProblem(_logger, problem);
        }

        var leftovers = await LeftoverChildren
            .StopAsync(
                previous.Children,
                Config.Daemon.RunDir,
                _options.LeftoverGrace,
                _options.Time,
                cancellationToken
            )
            .ConfigureAwait(false);
        foreach (var leftover in leftovers)
        {
            Log.LeftoverStopped(_logger, leftover.Name, leftover.Pid);
        }

        _observer = ObserveAsync(Events.SubscribeAsync(_observing.Token));
        var stopped = previous.StoppedByOperator.ToHashSet();
        Programs = new ProgramSet(
            Config,
            _options.Time,
            _logger,
            Events,
            stopped,
            set => _store.Save(set.Statuses()),
            _options.Random,
            ChildMarker.ForNewDaemon(Config.Daemon.RunDir)
        );
        _store.Save(Programs.Statuses());
        var handler = new ControlHandler(this);
        _adminBot = await AdminBot
            .StartAsync(this, handler.HandleAsync, _options.Time, _options.LoggerFactory, cancellationToken)
            .ConfigureAwait(false);
        _server = ControlServer.Start(Config.Daemon.SocketPath, handler.HandleAsync, _logger);
        Log.Started(_logger, Environment.ProcessId, Config.SourcePath, Config.Programs.Count);
        foreach (var warning in Config.Warnings())
        {
            Log.ConfigWarning(_logger, warning);
        }

        _autostart = StartAutostartAsync();
        if (_options.ReleaseStartupPages)
        {
            _pages = new PageReleaser(_options.Time, _logger);
            _releasing = _pages.RunAsync(_autostart, _observing.Token);
        }
    }

    private async Task ObserveAsync(IAsyncEnumerable<SupervisorEvent> events)
    {
        try
        {
            await foreach (var evt in events.ConfigureAwait(false))
            {
                _ledger.Observe(evt);
                _pages?.Notice();
            }
        }
        catch (OperationCanceledException)
        {
            // the daemon is being disposed
        }
    }

    private async Task StartAutostartAsync()
    {
        if (_options.Autostart)
        {
            await Programs
                .StartAsync(Programs.AutostartSet(), byOperator: false, CancellationToken.None)
                .ConfigureAwait(false);
        }

        Events.Publish(new DaemonStarted(_options.Time.GetUtcNow(), Config.SourcePath, Programs.Statuses()));
    }

    private async Task RunShutdownAsync(string reason)
    {
        Log.Stopping(_logger, reason);
        Events.Publish(new DaemonStopping(_options.Time.GetUtcNow(), reason));
        try
        {
            // An autostart chain still in progress ends here: nothing more is spawned, and what it started is
            // stopped with the rest.
            Programs.Close();
            await Programs.StopAsync(Programs.Programs, byOperator: false).ConfigureAwait(false);
            await _autostart.ConfigureAwait(false);
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

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "reload refused: {Count} error(s) in the file; the running configuration stays"
        )]
        public static partial void ReloadRefused(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Information, Message = "reload applied: {Summary}")]
        public static partial void Reloaded(ILogger logger, ReloadSummary summary);
    }
}
