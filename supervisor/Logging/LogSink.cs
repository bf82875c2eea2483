using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// One log file and the single task that writes it. Pumps hand it chunks of whole lines through a
/// bounded channel that waits when full: that wait is the deliberate backpressure on a child that
/// writes faster than the disk. The writer flushes whenever the channel is momentarily empty.
/// </summary>
internal sealed partial class LogSink : IAsyncDisposable
{
    /// <summary>Chunks in flight per file: 8 x 64 KiB (and the 1 MiB pipe) before the child has to wait.</summary>
    public const int ChannelCapacity = 8;

    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<LogChunk> _channel = Channel.CreateBounded<LogChunk>(
        new BoundedChannelOptions(ChannelCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        }
    );

    private readonly RotatingLogFile _file;
    private readonly RecentLines? _recent;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ByteCounter? _counter;
    private readonly Task _writer;
    private long _bytesWritten;
    private long _droppedChunks;

    /// <param name="file">The file.</param>
    /// <param name="recent">Keeps the last lines written, if given.</param>
    /// <param name="time">Clock for the dispose bound.</param>
    /// <param name="logger">Where failures to write are reported.</param>
    /// <param name="counter">Also counts the bytes written, if given (a total that outlives this file).</param>
    public LogSink(
        RotatingLogFile file,
        RecentLines? recent,
        TimeProvider time,
        ILogger logger,
        ByteCounter? counter = null
    )
    {
        _counter = counter;
        _file = file;
        _recent = recent;
        _time = time;
        _logger = logger;
        _writer = Task.Run(RunWriterAsync);
    }

    public string Path => _file.Path;

    /// <summary>Bytes that reached the file (after timestamps).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Queues whole lines; <paramref name="buffer"/> now belongs to the sink, even if this throws.</summary>
    public async ValueTask WriteAsync(byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var chunk = LogChunk.Lines(buffer, length);
        if (_channel.Writer.TryWrite(chunk))
        {
            return;
        }

        try
        {
            await _channel.Writer.WriteAsync(chunk, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Completes when everything queued before this call has been written and flushed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(LogChunk.Barrier(flushed), cancellationToken);
        await flushed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops accepting chunks, lets the writer finish what is queued (bounded) and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(DisposeTimeout, _time);
        }
        catch (TimeoutException)
        {
            // The writer is stuck on the disk; it closes the file itself if it ever returns.
            LogWriterStuck(_logger, _file.Path, DisposeTimeout);
        }
    }

    private async Task RunWriterAsync()
    {
        var reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var chunk))
                {
                    Handle(chunk);
                }

                TryFlush();
            }
        }
        catch (Exception ex)
        {
            // A bug, not a disk problem: fail the pumps instead of letting them wait on a full channel forever.
            LogWriterFailed(_logger, ex, _file.Path);
            _channel.Writer.TryComplete(ex);
            while (reader.TryRead(out var chunk))
            {
                Release(chunk, ex);
            }
        }
        finally
        {
            _file.Dispose();
        }
    }

    private void Handle(LogChunk chunk)
    {
        if (chunk.Flushed is { } barrier)
        {
            TryFlush();
            barrier.TrySetResult();
            return;
        }

        try
        {
            var lines = chunk.Buffer.AsSpan(0, chunk.Length);
            _file.Write(lines);
            Interlocked.Add(ref _bytesWritten, lines.Length);
            _counter?.Add(lines.Length);
            _recent?.Add(lines);
            if (_droppedChunks > 0)
            {
                LogWritesResumed(_logger, _file.Path, _droppedChunks);
                _droppedChunks = 0;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Disk full or file gone: drop these lines rather than block the child; report once per outage.
            if (_droppedChunks++ == 0)
            {
                LogWriteFailed(_logger, ex, _file.Path);
            }
        }
        finally
        {
            Release(chunk, null);
        }
    }

    private void TryFlush()
    {
        try
        {
            _file.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Same outage as a failed write; the next write reports it.
        }
    }

    private static void Release(LogChunk chunk, Exception? error)
    {
        if (chunk.Buffer is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        else if (error is not null)
        {
            chunk.Flushed?.TrySetException(error);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Cannot write log file {Path}; dropping its lines until it works again"
    )]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Log file {Path} is written again after {Chunks} dropped chunks"
    )]
    private static partial void LogWritesResumed(ILogger logger, string path, long chunks);

    [LoggerMessage(
        Level = LogLevel.Critical,
        Message = "Log writer for {Path} failed; its program's output can no longer be logged"
    )]
    private static partial void LogWriterFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log writer for {Path} did not finish within {Timeout}")]
    private static partial void LogWriterStuck(ILogger logger, string path, TimeSpan timeout);
}
