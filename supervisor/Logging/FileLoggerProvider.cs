using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// The daemon's own log: one line per entry, <c>2026-11-21T23:27:13.123Z INFO  Category: message</c>,
/// the exception (if any) on the following lines, secrets masked, rotated like program logs.
/// Thread-safe; each entry is written and flushed under a lock (the daemon logs little).
/// </summary>
public sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly RotatingLogFile _file;
    private readonly bool _timestamps;
    private readonly TimeProvider _time;
    private readonly SecretMasker _masker;
    private readonly ConcurrentDictionary<string, FileLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Opens (appending) the log at <paramref name="path"/>.</summary>
    /// <param name="path">The daemon's log file, e.g. <c>DaemonSettings.DaemonLogPath</c>.</param>
    /// <param name="settings">Rotation and timestamps (<c>Stderr</c> does not apply).</param>
    /// <param name="time">Clock for the timestamps.</param>
    /// <param name="masker">Secrets to hide; <see cref="SecretMasker.None"/> for none.</param>
    /// <param name="minimumLevel">Entries below this level are skipped.</param>
    public FileLoggerProvider(
        string path,
        LogSettings settings,
        TimeProvider time,
        SecretMasker masker,
        LogLevel minimumLevel = LogLevel.Information
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(masker);
        _file = new RotatingLogFile(path, settings.MaxSize, settings.Backups);
        _timestamps = settings.Timestamps;
        _time = time;
        _masker = masker;
        MinimumLevel = minimumLevel;
    }

    /// <summary>The lowest level written.</summary>
    public LogLevel MinimumLevel { get; }

    /// <summary>Path of the live log file.</summary>
    public string Path => _file.Path;

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, provider) => new FileLogger(name, provider), this);

    /// <summary>Closes the file; later entries are dropped.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _file.Dispose();
        }
    }

    internal bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= MinimumLevel;

    internal void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var entry = new StringBuilder(message.Length + 96);
        if (_timestamps)
        {
            entry.Append(LogTimestamp.ToText(_time.GetUtcNow())).Append(' ');
        }

        entry
            .Append(LevelName(level))
            .Append(' ')
            .Append(category)
            .Append(": ")
            .Append(message.TrimEnd('\n', '\r'))
            .Append('\n');
        if (exception is not null)
        {
            entry.Append(exception.ToString().TrimEnd('\n', '\r')).Append('\n');
        }

        var text = _masker.Mask(entry.ToString());
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _file.Write(bytes.AsSpan(0, length));
                _file.Flush();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The daemon's log is unwritable (disk full?): the daemon must keep supervising regardless.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static string LevelName(LogLevel level) =>
        level switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Information => "INFO ",
            LogLevel.Warning => "WARN ",
            LogLevel.Error => "ERROR",
            LogLevel.Critical => "CRIT ",
            _ => "NONE ",
        };
}
