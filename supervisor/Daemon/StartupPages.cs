using System.Globalization;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// Hands back the file pages the daemon touched only while starting. A Native AOT executable is mapped from its
/// file, and at start the runtime reads most of it (the type data it unpacks once, start-up code); the kernel also
/// maps 64 KB around every page touched. So a freshly started daemon shows most of its 15 MB file as resident,
/// though it will not read those pages again. Once the programs are started (and after each busy spell, see
/// <see cref="PageReleaser"/>), every read-only, unmodified file mapping (the executable's code and constants, the
/// C library) is unmapped from this process with <c>MADV_DONTNEED</c>: the pages stay in the page cache and come
/// back from there, unchanged, on the next touch, so what stays resident is what the daemon actually uses.
/// Writable mappings and any page the process modified (relocated data) are never touched; the garbage collector
/// also gives back what it does not need.
/// </summary>
internal static class StartupPages
{
    private const string Maps = "/proc/self/smaps";

    /// <summary>Releases the pages; returns how many bytes were resident in the mappings released.</summary>
    public static long Release()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        long released = 0;
        foreach (var mapping in Clean(File.ReadLines(Maps)))
        {
            if (NativeMethods.Unmap(mapping.Start, mapping.End - mapping.Start))
            {
                released += mapping.ResidentBytes;
            }
        }

        return released;
    }

    /// <summary>
    /// The read-only private file mappings of an smaps listing that hold no page of their own (no anonymous page:
    /// a page this process modified is an anonymous copy; none swapped): those can be dropped and read again from
    /// the file. Dirty pages of a file written moments ago (counted as Private_Dirty) belong to the file: they stay.
    /// </summary>
    internal static List<Mapping> Clean(IEnumerable<string> smaps)
    {
        var clean = new List<Mapping>();
        Mapping? current = null;
        var ownPages = false;
        foreach (var line in smaps)
        {
            if (Mapping.TryParseHeader(line) is { } header)
            {
                Keep();
                (current, ownPages) = (header, false);
            }
            else if (current is not null)
            {
                var (name, kilobytes) = Field(line);
                if (name is "Rss")
                {
                    current = current with { ResidentBytes = kilobytes * 1024 };
                }
                else if (name is "Anonymous" or "Swap" && kilobytes != 0)
                {
                    ownPages = true;
                }
            }
        }

        Keep();
        return clean;

        void Keep()
        {
            if (current is { Droppable: true } && !ownPages)
            {
                clean.Add(current);
            }
        }
    }

    private static (string Name, long Kilobytes) Field(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return ("", 0);
        }

        var value = line.AsSpan(colon + 1).Trim();
        if (value.EndsWith(" kB", StringComparison.Ordinal))
        {
            value = value[..^3];
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (line[..colon], number)
            : (line[..colon], 0);
    }

    /// <summary>One mapping of <c>/proc/self/smaps</c>.</summary>
    internal sealed record Mapping(ulong Start, ulong End, string Permissions, string Path)
    {
        public long ResidentBytes { get; init; }

        /// <summary>Private, not writable, backed by a file (not the stack, vdso or an anonymous region).</summary>
        public bool Droppable => Permissions is [_, '-', _, 'p'] && Path.StartsWith('/');

        /// <summary>Parses a header line (<c>start-end perms offset dev inode [path]</c>); null for others.</summary>
        public static Mapping? TryParseHeader(string line)
        {
            var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var dash = parts.Length < 5 ? -1 : parts[0].IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0)
            {
                return null;
            }

            var hex = NumberStyles.AllowHexSpecifier;
            var inv = CultureInfo.InvariantCulture;
            return
                ulong.TryParse(parts[0].AsSpan(0, dash), hex, inv, out var start)
                && ulong.TryParse(parts[0].AsSpan(dash + 1), hex, inv, out var end)
                && parts[1].Length == 4
                ? new Mapping(start, end, parts[1], parts.Length == 6 ? parts[5].Trim() : "")
                : null;
        }
    }
}
