using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Reports;
using MoneyBot.Supervisor.Telegram;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// The daemon: holds the lock, stops leftovers of a killed predecessor, supervises the programs,
/// remembers operator stops and children in the state file, and answers the control socket.
/// </summary>
public sealed partial class SupervisorDaemon : IAsyncDisposable
{
    private readonly DaemonLock daemonLock;
    private readonly DaemonOptions options;
    private readonly ILogger logger;
    private readonly DaemonStateStore store;
    private readonly SemaphoreSlim reloadGate = new(1, 1);
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock shutdownGate = new();
    private readonly CrashLedger ledger;
    private readonly CancellationTokenSource observing = new();
    private Task observer = Task.CompletedTask;
    private ControlServer? server;
    private AdminBot? adminBot;
    private Task? shutdown;
    private Task autostart = Task.CompletedTask;
    private int disposed;

    private SupervisorDaemon(SupervisorConfig config, DaemonLock daemonLock, DaemonOptions options)
    {
        Config = config;
        this.daemonLock = daemonLock;
        this.options = options;
        logger = options.LoggerFactory.CreateLogger("daemon");
        store = new DaemonStateStore(config.Daemon.StatePath);
        StartedAt = options.Time.GetUtcNow();
        ledger = new CrashLedger(options.Time);
        Reports = new ReportBuilder(() => Programs?.Statuses() ?? [], ledger, config.Daemon.LogDir, options.Time, StartedAt);
        Programs = null!;
    }

    public SupervisorConfig Config { get; private set; }

    public ProgramSet Programs { get; private set; }

    public EventBus Events { get; } = new();

    /// <summary>When this daemon started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Health report and daily summary (also sent by Telegram on schedule).</summary>
    public ReportBuilder Reports { get; }

    /// <summary>Completes once the daemon has stopped its programs after <c>down</c> or a signal.</summary>
    public Task Completion => completion.Task;

    /// <summary>Takes the lock, cleans up after a killed predecessor and starts supervising.</summary>
    /// <exception cref="DaemonAlreadyRunningException">Another daemon runs this configuration.</exception>
    public static async Task<SupervisorDaemon> StartAsync(
        SupervisorConfig config, DaemonOptions options, CancellationToken cancellationToken = default)
    {
        RunDirectory.Create(config.Daemon.RunDir);
        Directory.CreateDirectory(config.Daemon.LogDir);
        var daemonLock = DaemonLock.TryAcquire(config.Daemon.LockPath) ?? throw new DaemonAlreadyRunningException(
            $"a daemon is already running for {config.SourcePath} (lock {config.Daemon.LockPath}, pid {ReadPid(config)}); " +
            "use './moneybot status' or './moneybot down' first");
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

    /// <summary>Stops every program in reverse dependency order, then completes <see cref="Completion"/>. Idempotent.</summary>
    public Task ShutdownAsync(string reason)
    {
        lock (shutdownGate)
        {
            return shutdown ??= RunShutdownAsync(reason);
        }
    }

    /// <summary>Re-reads the file and applies it, or refuses it (the running configuration stays) when invalid.</summary>
    public async Task<ControlResponse> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await reloadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = options.LoadConfig(Config.SourcePath);
            if (!result.IsValid)
            {
                Log.ReloadRefused(logger, result.Errors.Count);
                return new ControlResponse(
                    false,
                    $"{Config.SourcePath} has {result.Errors.Count} error(s); the running configuration was kept",
                    Problems: result.Errors.Select(e => e.ToString()).ToList());
            }

            var next = result.Config!;
            var notes = new List<string>();
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
            Log.Reloaded(logger, summary);
            return new ControlResponse(true, "reload applied: " + summary, Programs.Statuses().Select(ProgramStatusDto.From).ToList(), notes);
        }
        finally
        {
            reloadGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        await autostart.ConfigureAwait(false);
        if (adminBot is not null)
        {
            await adminBot.DisposeAsync().ConfigureAwait(false);
        }

        await observing.CancelAsync().ConfigureAwait(false);
        await observer.ConfigureAwait(false);
        observing.Dispose();
        if (Programs is not null)
        {
            await Programs.DisposeAsync().ConfigureAwait(false);
            store.Save(Programs.Statuses());
        }

        File.Delete(PidPath(Config));
        Log.Stopped(logger);
        daemonLock.Dispose();
        reloadGate.Dispose();
    }

    private static bool SameTelegram(TelegramSettings a, TelegramSettings b) =>
        a with { ChatIds = [], AdminUsers = [] } == b with { ChatIds = [], AdminUsers = [] } &&
        a.ChatIds.SequenceEqual(b.ChatIds) && a.AdminUsers.SequenceEqual(b.AdminUsers);

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
        var previous = store.Load(out var problem);
        if (problem is not null)
        {
            Log.StateProblem(logger, problem);
        }

        var leftovers = await LeftoverChildren.StopAsync(previous.Children, options.LeftoverGrace, options.Time, cancellationToken)
            .ConfigureAwait(false);
        foreach (var leftover in leftovers)
        {
            Log.LeftoverStopped(logger, leftover.Name, leftover.Pid);
        }

        observer = ObserveAsync(Events.SubscribeAsync(observing.Token));
        var stopped = previous.StoppedByOperator.ToHashSet();
        Programs = new ProgramSet(Config, options.Time, logger, Events, stopped, set => store.Save(set.Statuses()), options.Random);
        store.Save(Programs.Statuses());
        var handler = new ControlHandler(this);
        adminBot = await AdminBot.StartAsync(this, handler.HandleAsync, options.Time, options.LoggerFactory, cancellationToken).ConfigureAwait(false);
        server = ControlServer.Start(Config.Daemon.SocketPath, handler.HandleAsync, logger);
        Log.Started(logger, Environment.ProcessId, Config.SourcePath, Config.Programs.Count);
        autostart = StartAutostartAsync();
    }

    private async Task ObserveAsync(IAsyncEnumerable<SupervisorEvent> events)
    {
        try
        {
            await foreach (var evt in events.ConfigureAwait(false))
            {
                ledger.Observe(evt);
            }
        }
        catch (OperationCanceledException)
        {
            // the daemon is being disposed
        }
    }

    private async Task StartAutostartAsync()
    {
        if (options.Autostart)
        {
            await Programs.StartAsync(Programs.AutostartSet(), byOperator: false, CancellationToken.None).ConfigureAwait(false);
        }

        Events.Publish(new DaemonStarted(options.Time.GetUtcNow(), Config.SourcePath, Programs.Statuses()));
    }

    private async Task RunShutdownAsync(string reason)
    {
        Log.Stopping(logger, reason);
        Events.Publish(new DaemonStopping(options.Time.GetUtcNow(), reason));
        try
        {
            await autostart.ConfigureAwait(false);
            await Programs.StopAsync(Programs.Programs, byOperator: false).ConfigureAwait(false);
        }
        finally
        {
            completion.TrySetResult();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "daemon pid {Pid} supervising {Count} program(s) from {Config}")]
        public static partial void Started(ILogger logger, int pid, string config, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "stopped {Program} (pid {Pid}) left running by a previous daemon")]
        public static partial void LeftoverStopped(ILogger logger, string program, int pid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}")]
        public static partial void StateProblem(ILogger logger, string problem);

        [LoggerMessage(Level = LogLevel.Information, Message = "daemon stopping: {Reason}")]
        public static partial void Stopping(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "daemon stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "reload refused: {Count} error(s) in the file; the running configuration stays")]
        public static partial void ReloadRefused(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Information, Message = "reload applied: {Summary}")]
        public static partial void Reloaded(ILogger logger, ReloadSummary summary);
    }
}
