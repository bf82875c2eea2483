using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// The log files of one supervised program, kept across its restarts: <c>&lt;name&gt;.out.log</c> and
/// <c>&lt;name&gt;.err.log</c>, or only <c>&lt;name&gt;.out.log</c> when stderr is merged. Each file has
/// one writer task fed through a bounded channel; a child is slowed (never blocked for long) only when
/// it outruns the disk. Lines are never split or interleaved, also not across rotation.
/// </summary>
public sealed class ProgramLogs : IAsyncDisposable
{
    /// <summary>How many recent error lines are kept for alerts.</summary>
    public const int RecentLineCount = 20;

    private readonly LogSink _out;
    private readonly LogSink? _err;
    private readonly RecentLines _recent;
    private readonly bool _timestamps;
    private readonly TimeProvider _time;
    private readonly SecretMasker _masker;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    /// <summary>Opens (appending) the program's log files under <paramref name="logDir"/>.</summary>
    /// <param name="logDir">Directory of the log files; created if missing.</param>
    /// <param name="programName">The program's name, used as the file name stem.</param>
    /// <param name="settings">Rotation, timestamps and stderr handling.</param>
    /// <param name="time">Clock for timestamps and the dispose bound.</param>
    /// <param name="logger">Where failures to write the files are reported.</param>
    /// <param name="masker">Secrets to hide from the files and from <see cref="RecentErrorLines"/>.</param>
    /// <param name="counters">Also count the bytes written to the stdout (or merged) and the stderr file, if given.
    /// </param>
    public ProgramLogs(
        string logDir,
        string programName,
        LogSettings settings,
        TimeProvider time,
        ILogger? logger = null,
        SecretMasker? masker = null,
        (ByteCounter Stdout, ByteCounter Stderr)? counters = null
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _timestamps = settings.Timestamps;
        _time = time;
        _masker = masker ?? SecretMasker.None;
        logger ??= NullLogger.Instance;
        _recent = new RecentLines(RecentLineCount, _timestamps ? LogTimestamp.PrefixLength : 0);
        var merged = settings.Stderr == StderrMode.Merge;
        _out = Open(OutPath(logDir, programName), settings, merged ? _recent : null, logger, counters?.Stdout);
        if (!merged)
        {
            try
            {
                _err = Open(ErrPath(logDir, programName), settings, _recent, logger, counters?.Stderr);
            }
            catch
            {
                _out.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }
    }

    /// <summary>Path of the stdout (or merged) log file.</summary>
    public string StdoutPath => _out.Path;

    /// <summary>Path of the stderr log file, or null when stderr is merged into <see cref="StdoutPath"/>.</summary>
    public string? StderrPath => _err?.Path;

    /// <summary>Total bytes written to the files (timestamps included) since this object was created.</summary>
    public long BytesWritten => _out.BytesWritten + (_err?.BytesWritten ?? 0);

    /// <summary><c>&lt;logDir&gt;/&lt;name&gt;.out.log</c>.</summary>
    public static string OutPath(string logDir, string programName) =>
        Path.Combine(logDir, ValidName(programName) + ".out.log");

    /// <summary><c>&lt;logDir&gt;/&lt;name&gt;.err.log</c>.</summary>
    public static string ErrPath(string logDir, string programName) =>
        Path.Combine(logDir, ValidName(programName) + ".err.log");

    /// <summary>
    /// The file <c>logs</c> reads for <paramref name="program"/>: its stderr log when <paramref name="stderr"/> and
    /// stderr is kept apart, else its stdout (or merged) log.
    /// </summary>
    public static string PathFor(string logDir, ProgramConfig program, bool stderr) =>
        stderr && program.Logs.Stderr != StderrMode.Merge
            ? ErrPath(logDir, program.Name)
            : OutPath(logDir, program.Name);

    /// <summary>
    /// The last <see cref="RecentLineCount"/> lines written to the stderr file (to the merged file when
    /// stderr is merged), oldest first, without timestamps, each cut to 1024 characters. Thread-safe.
    /// </summary>
    public IReadOnlyList<string> RecentErrorLines() => _recent.Snapshot();

    /// <summary>
    /// Copies one process's stdout and stderr into the logs. Completes when both streams have ended
    /// and everything read from them is written and flushed. Call once per process of the program.
    /// Cancelling abandons what has not been read yet.
    /// </summary>
    public async Task PumpAsync(Stream stdout, Stream stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var errSink = _err ?? _out;
        var outPump = new LinePump(_out, _timestamps, _time, _masker).RunAsync(stdout, linked.Token);
        var errPump = new LinePump(errSink, _timestamps, _time, _masker).RunAsync(stderr, linked.Token);
        await Task.WhenAll(outPump, errPump);
        await _out.FlushAsync(linked.Token);
        if (_err is not null)
        {
            await _err.FlushAsync(linked.Token);
        }
    }

    /// <summary>Stops running pumps, writes what is queued (bounded wait) and closes the files. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync();
        if (_err is not null)
        {
            await _err.DisposeAsync();
        }

        await _out.DisposeAsync();
        _disposing.Dispose();
    }

    private LogSink Open(
        string path,
        LogSettings settings,
        RecentLines? recent,
        ILogger logger,
        ByteCounter? counter
    ) => new(new RotatingLogFile(path, settings.MaxSize, settings.Backups), recent, _time, logger, counter);

    private static string ValidName(string programName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        if (programName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || programName is "." or "..")
        {
            throw new ArgumentException(
                $"Program name '{programName}' cannot be used as a log file name; rename the program in the config.",
                nameof(programName)
            );
        }

        return programName;
    }
}
