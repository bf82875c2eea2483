using System.Text;

namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// The last few lines written to a log, kept in memory for alerts. Lines are stored without their
/// timestamp prefix and cut to <see cref="MaxLineChars"/> characters. Thread-safe.
/// </summary>
internal sealed class RecentLines
{
    /// <summary>Longer lines are cut so that twenty kept lines stay small.</summary>
    public const int MaxLineChars = 1024;

    private readonly string[] _ring;
    private readonly int _prefixLength;
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    /// <param name="capacity">How many lines to keep.</param>
    /// <param name="prefixLength">Bytes to strip from the start of every line (the timestamp prefix), or 0.</param>
    public RecentLines(int capacity, int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new string[capacity];
        _prefixLength = prefixLength;
    }

    /// <summary>Records the last lines of a chunk of whole lines (each ending in <c>'\n'</c>).</summary>
    public void Add(ReadOnlySpan<byte> wholeLines)
    {
        // Walk back from the end to find the start of the last `capacity` lines; decode only those.
        var start = wholeLines.Length;
        var found = 0;
        while (start > 0 && found < _ring.Length)
        {
            var previous = wholeLines[..(start - 1)].LastIndexOf((byte)'\n');
            start = previous + 1;
            found++;
        }

        var tail = wholeLines[start..];
        lock (_lock)
        {
            while (!tail.IsEmpty)
            {
                var end = tail.IndexOf((byte)'\n');
                var line = end < 0 ? tail : tail[..end];
                tail = end < 0 ? default : tail[(end + 1)..];
                _ring[_next] = Decode(line);
                _next = (_next + 1) % _ring.Length;
                _count = Math.Min(_count + 1, _ring.Length);
            }
        }
    }

    /// <summary>The kept lines, oldest first.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            var lines = new string[_count];
            var first = (_next - _count + _ring.Length) % _ring.Length;
            for (var i = 0; i < _count; i++)
            {
                lines[i] = _ring[(first + i) % _ring.Length];
            }

            return lines;
        }
    }

    private string Decode(ReadOnlySpan<byte> line)
    {
        if (_prefixLength > 0 && line.Length >= _prefixLength)
        {
            line = line[_prefixLength..];
        }

        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        // A UTF-8 character takes at most 4 bytes, so this many bytes always give enough characters.
        var text = Encoding.UTF8.GetString(line[..Math.Min(line.Length, MaxLineChars * 4)]);
        return text.Length <= MaxLineChars ? text : string.Concat(text.AsSpan(0, MaxLineChars - 1), "…");
    }
}
