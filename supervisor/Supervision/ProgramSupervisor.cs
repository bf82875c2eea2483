using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Resilience;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Health;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>
/// Owns one program's state machine. Every input (operator requests, process exits, timers) is a
/// message handled one at a time by a single loop, so the state never races; <see cref="Transition"/>
/// is the only place the state changes, and it checks the move, logs it once and publishes an event.
/// </summary>
public sealed partial class ProgramSupervisor : IAsyncDisposable
{
    private readonly Channel<ProgramMessage> _inbox = Channel.CreateUnbounded<ProgramMessage>(
        new UnboundedChannelOptions { SingleReader = true }
    );
    private readonly string _logDir;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventBus _events;
    private readonly Func<double> _random;
    private readonly Action<ProgramSupervisor> _onChanged;
    private readonly Lock _snapshotGate = new();
    private readonly SecretMasker _masker;
    private readonly ChildMarker? _marker;
    private readonly ByteCounter _stdoutBytes = new();
    private readonly ByteCounter _stderrBytes = new();
    private readonly Task _loop;
    private int _disposed;

    /// <summary>
    /// Creates the supervisor of <paramref name="config"/> in STOPPED; nothing runs until <see cref="StartAsync"/>.
    /// </summary>
    /// <param name="config">The program's settings.</param>
    /// <param name="logDir">Where its log files go.</param>
    /// <param name="time">Clock for timers and uptimes.</param>
    /// <param name="logger">The daemon's log.</param>
    /// <param name="events">Where transitions are published.</param>
    /// <param name="onChanged">Called synchronously after every transition (the daemon saves its state file
    /// there).</param>
    /// <param name="random">Source of jitter in [0, 1).</param>
    /// <param name="stoppedByOperator">Remembered from an earlier daemon: the operator stopped it.</param>
    /// <param name="masker">Secrets to hide in the program's own output before it reaches the log files.</param>
    /// <param name="notifyDirectory">Where the program's notify socket (NOTIFY_SOCKET) goes; null: no notify
    /// protocol.</param>
    /// <param name="marker">Written into the environment of each process, so that it can be found again if the
    /// daemon dies; null: unmarked.</param>
    public ProgramSupervisor(
        ProgramConfig config,
        string logDir,
        TimeProvider time,
        ILogger logger,
        EventBus events,
        Action<ProgramSupervisor>? onChanged = null,
        Func<double>? random = null,
        bool stoppedByOperator = false,
        SecretMasker? masker = null,
        string? notifyDirectory = null,
        ChildMarker? marker = null
    )
    {
        _marker = marker;
        _config = config;
        _logDir = logDir;
        _time = time;
        _logger = logger;
        _events = events;
        _random = random ?? Random.Shared.NextDouble;
        _onChanged = onChanged ?? (_ => { });
        _stoppedByOperator = stoppedByOperator;
        _masker = masker ?? SecretMasker.None;
        _logs = OpenLogs();
        _backoff = new BackoffTracker(config.Backoff, _random);
        _reason = stoppedByOperator ? "stopped by operator" : "not started";
        _snapshot = BuildSnapshot();
        _notify = notifyDirectory is null
            ? null
            : NotifyEndpoint.Open(
                notifyDirectory,
                config.Name,
                m => _inbox.Writer.TryWrite(new ProgramMessage.Notified(m)),
                logger
            );
        _loop = Task.Run(RunAsync);
    }

    public string Name => _config.Name;

    /// <summary>The settings in force.</summary>
    public ProgramConfig Config => Volatile.Read(ref _config);

    public ProgramState State => Status().State;

    /// <summary>The log files of this program.</summary>
    public ProgramLogs Logs => Volatile.Read(ref _logs);

    /// <summary>
    /// Bytes written to the program's stdout log files (with <c>stderr: merge</c>, all its output) since this
    /// supervisor was created: not reset by rotation or by a reload that reopens the files.
    /// </summary>
    public long StdoutLogBytes => _stdoutBytes.Total;

    /// <summary>Bytes written to the program's stderr log files, as <see cref="StdoutLogBytes"/>.</summary>
    public long StderrLogBytes => _stderrBytes.Total;

    /// <summary>How often the program was killed for missing its watchdog, since this supervisor was created.</summary>
    public long WatchdogTimeouts => Interlocked.Read(ref _watchdogTimeouts);

    /// <summary>A consistent snapshot, uptime computed now.</summary>
    public ProgramStatus Status()
    {
        ProgramStatus current;
        long since;
        lock (_snapshotGate)
        {
            current = _snapshot;
            since = _spawnedAt;
        }

        if (current.Pid is null)
        {
            return current;
        }

        var watched = Volatile.Read(ref _watchdogArmedAt);
        return current with
        {
            Uptime = _time.GetElapsedTime(since),
            WatchdogSilence = watched == 0 ? null : _time.GetElapsedTime(watched),
        };
    }

    /// <summary>
    /// Starts the program; completes when it is RUNNING or its start failed (BACKOFF, FATAL, EXITED, STOPPED).
    /// </summary>
    public Task<ProgramStatus> StartAsync(bool byOperator = true, CancellationToken cancellationToken = default) =>
        SendAsync(done => new ProgramMessage.Start(done, byOperator), cancellationToken);

    /// <summary>Stops the program (signal, grace, then SIGKILL of the tree); completes in STOPPED.</summary>
    public Task<ProgramStatus> StopAsync(bool byOperator = true, CancellationToken cancellationToken = default) =>
        SendAsync(done => new ProgramMessage.Stop(done, byOperator), cancellationToken);

    /// <summary>
    /// Shows why a program that was asked to start has not (it waits for a dependency), while it is STOPPED or
    /// EXITED; a program that runs or retries keeps its own reason.
    /// </summary>
    public Task<ProgramStatus> ShowWaitingAsync(string reason) =>
        SendAsync(done => new ProgramMessage.ShowWaiting(reason, done), CancellationToken.None);

    /// <summary>Replaces the settings. Only allowed while no process runs (stop first).</summary>
    public Task<ProgramStatus> ReconfigureAsync(
        ProgramConfig newConfig,
        CancellationToken cancellationToken = default
    ) => SendAsync(done => new ProgramMessage.Reconfigure(newConfig, done), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var done = NewCompletion();
        _inbox.Writer.TryWrite(new ProgramMessage.Shutdown(done));
        await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (_notify is not null)
        {
            await _notify.DisposeAsync().ConfigureAwait(false);
        }

        await Logs.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<ProgramStatus> SendAsync(
        Func<TaskCompletionSource<ProgramStatus>, ProgramMessage> create,
        CancellationToken cancellationToken
    )
    {
        var done = NewCompletion();
        if (!_inbox.Writer.TryWrite(create(done)))
        {
            throw new ObjectDisposedException(nameof(ProgramSupervisor), $"program '{Name}' is no longer supervised");
        }

        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private ProgramLogs OpenLogs() =>
        new(_logDir, _config.Name, _config.Logs, _time, _logger, _masker, (_stdoutBytes, _stderrBytes));

    private static TaskCompletionSource<ProgramStatus> NewCompletion() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (await HandleAsync(message).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Exception e)
            {
                // A bug in one handler must not end supervision of this program; it is logged loudly.
                Log.HandlerFailed(_logger, Name, message.GetType().Name, e);
            }
        }
    }
}
