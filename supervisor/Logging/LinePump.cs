using System.Buffers;

namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// Copies one pipe into a <see cref="LogSink"/> in chunks of whole lines. Reads into pooled buffers (4 KiB while
/// the program is quiet, 64 KiB while its output flows), cuts each read at its last <c>'\n'</c> and carries the
/// partial line over to the next read. A line longer than the buffer grows it, up to <see cref="MaxLineLength"/>:
/// a longer line is broken there with an added <c>'\n'</c> (each piece then counts as a line and gets its own
/// timestamp). At end of stream a final unterminated line gets a <c>'\n'</c>. Secrets are masked here, before
/// lines leave the pump, so neither the file nor the recent lines ever hold one.
/// </summary>
internal sealed class LinePump(LogSink sink, bool timestamps, TimeProvider time, SecretMasker masker)
{
    /// <summary>Size of each pooled read buffer.</summary>
    public const int BufferSize = 64 * 1024;

    /// <summary>
    /// Longest line kept whole, including its <c>'\n'</c>; longer lines are broken into pieces this long.
    /// </summary>
    public const int MaxLineLength = 1024 * 1024;

    private static ArrayPool<byte> Pool => ArrayPool<byte>.Shared;

    /// <summary>
    /// Size of the buffer a pump waits with while its program is quiet: 100 programs hold 0.8 MB instead of the
    /// 12.8 MB of 64 KiB buffers (which the garbage collector touches when it moves them). A read that fills it
    /// switches to <see cref="BufferSize"/> until a read finds the pipe drained again.
    /// </summary>
    public const int QuietBufferSize = 4 * 1024;

    /// <summary>Pumps until <paramref name="source"/> ends (a broken pipe counts as the end).</summary>
    public async Task RunAsync(Stream source, CancellationToken cancellationToken)
    {
        var buffer = Pool.Rent(QuietBufferSize);
        var filled = 0; // buffer[..filled] is a partial line: it never contains '\n'.
        var drained = true; // the last read took less than it could: the pipe was empty after it
        try
        {
            while (true)
            {
                if (drained && filled == 0 && buffer.Length > QuietBufferSize)
                {
                    Pool.Return(buffer);
                    buffer = Pool.Rent(QuietBufferSize);
                }
                else if (!drained && buffer.Length < BufferSize)
                {
                    buffer = Resize(buffer, filled, BufferSize);
                }

                // One byte is always kept free for the '\n' added at a forced break or at the end.
                var limit = Math.Min(buffer.Length, MaxLineLength) - 1;
                var read = await ReadAsync(source, buffer.AsMemory(filled, limit - filled), cancellationToken);
                drained = read < limit - filled;
                if (read == 0)
                {
                    if (filled > 0)
                    {
                        buffer[filled++] = (byte)'\n';
                        (buffer, filled, var outgoing, var length) = Cut(buffer, filled, filled);
                        await sink.WriteAsync(outgoing, length, cancellationToken);
                    }

                    return;
                }

                var newline = buffer.AsSpan(filled, read).LastIndexOf((byte)'\n');
                var lineEnd = newline < 0 ? 0 : filled + newline + 1;
                filled += read;
                if (lineEnd > 0)
                {
                    (buffer, filled, var outgoing, var length) = Cut(buffer, lineEnd, filled);
                    await sink.WriteAsync(outgoing, length, cancellationToken);
                }
                else if (filled == limit && limit == MaxLineLength - 1)
                {
                    buffer[filled++] = (byte)'\n';
                    (buffer, filled, var outgoing, var length) = Cut(buffer, filled, filled);
                    await sink.WriteAsync(outgoing, length, cancellationToken);
                }
                else if (filled == limit)
                {
                    buffer = Grow(buffer, filled);
                }
            }
        }
        finally
        {
            Pool.Return(buffer);
        }
    }

    private static async ValueTask<int> ReadAsync(Stream source, Memory<byte> into, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(into, cancellationToken);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // The child died with the pipe open in a way the OS reports as an error: that is its end of output.
            return 0;
        }
    }

    /// <summary>
    /// Splits off the whole lines <c>buffer[..lineEnd]</c> as a chunk for the sink and returns the
    /// buffer to keep reading into, holding the partial line <c>buffer[lineEnd..filled]</c> at its start.
    /// Synchronous on purpose: once it returns, the chunk belongs to the sink and the kept buffer to us.
    /// </summary>
    private (byte[] Keep, int Filled, byte[] Chunk, int ChunkLength) Cut(byte[] buffer, int lineEnd, int filled)
    {
        var remainder = filled - lineEnd;
        var lines = buffer.AsSpan(0, lineEnd);
        if (!masker.IsEmpty)
        {
            lines = lines[..masker.MaskUtf8InPlace(lines)];
        }

        if (timestamps)
        {
            // The stamped copy goes to the sink; the read buffer stays with us (back to normal size after a long line).
            var stamped = Stamp(lines, time.GetUtcNow(), out var length);
            var keep = buffer.Length > BufferSize && remainder <= BufferSize / 2 ? Pool.Rent(BufferSize) : buffer;
            buffer.AsSpan(lineEnd, remainder).CopyTo(keep);
            if (keep != buffer)
            {
                Pool.Return(buffer);
            }

            return (keep, remainder, stamped, length);
        }

        // The read buffer itself goes to the sink; the partial line moves to a fresh one.
        var next = Pool.Rent(remainder <= BufferSize / 2 ? BufferSize : remainder + BufferSize);
        buffer.AsSpan(lineEnd, remainder).CopyTo(next);
        return (next, remainder, buffer, lines.Length);
    }

    /// <summary>
    /// Copies whole lines into a pooled buffer with <c>timestamp + ' '</c> before each (one arrival time per chunk).
    /// </summary>
    private static byte[] Stamp(ReadOnlySpan<byte> lines, DateTimeOffset now, out int length)
    {
        var count = lines.Count((byte)'\n') + 1; // + 1 in case the last line lacks its '\n'
        var stamped = Pool.Rent(lines.Length + (count * LogTimestamp.PrefixLength));
        var destination = stamped.AsSpan();
        LogTimestamp.WritePrefix(now, destination);
        var prefix = destination[..LogTimestamp.PrefixLength];
        length = 0;
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf((byte)'\n') + 1;
            if (end == 0)
            {
                end = lines.Length;
            }

            if (length > 0)
            {
                prefix.CopyTo(destination[length..]);
            }

            length += LogTimestamp.PrefixLength;
            lines[..end].CopyTo(destination[length..]);
            length += end;
            lines = lines[end..];
        }

        return stamped;
    }

    private static byte[] Grow(byte[] buffer, int filled) => Resize(buffer, filled, buffer.Length * 2);

    private static byte[] Resize(byte[] buffer, int filled, int size)
    {
        var other = Pool.Rent(size);
        buffer.AsSpan(0, filled).CopyTo(other);
        Pool.Return(buffer);
        return other;
    }
}
