using System.Buffers.Text;

namespace MoneyBot.Supervisor.Metrics;

/// <summary>The daemon's own memory, from <c>/proc/self/statm</c> (read without allocating).</summary>
public static class ProcessMemory
{
    /// <summary>Resident set size in bytes (<c>VmRSS</c>), or null when /proc cannot be read.</summary>
    public static long? ResidentBytes()
    {
        Span<byte> text = stackalloc byte[256];
        int length;
        try
        {
            using var handle = File.OpenHandle("/proc/self/statm");
            length = RandomAccess.Read(handle, text, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "size resident shared text lib data dt", in pages
        var fields = text[..length];
        var space = fields.IndexOf((byte)' ');
        if (space < 0 || !Utf8Parser.TryParse(fields[(space + 1)..], out long pages, out _))
        {
            return null;
        }

        return pages * Environment.SystemPageSize;
    }
}
