namespace MoneyBot.OrderFlow.Replay;

/// <summary>
/// Reads a file line by line as UTF-8 bytes without allocating per line: each line is a slice of an
/// internal buffer, valid until the next call. CR before LF is removed; the last line may lack a newline.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private readonly Stream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private bool eof;

    public LineReader(Stream stream, int bufferSize = 1 << 20)
    {
        this.stream = stream;
        buffer = new byte[bufferSize];
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line, or false at the end of the file.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(newline, newline + 1);
                return true;
            }

            if (eof)
            {
                if (start == end)
                {
                    line = default;
                    return false;
                }

                line = Take(end - start, end - start);
                return true;
            }

            Fill();
        }
    }

    public void Dispose() => stream.Dispose();

    private ReadOnlySpan<byte> Take(int length, int consumed)
    {
        var line = buffer.AsSpan(start, length);
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        start += consumed;
        LineNumber++;
        return line;
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            (end, start) = (end - start, 0);
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            eof = true;
        }

        end += read;
    }
}
