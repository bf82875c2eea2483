using MoneyBot.Supervisor.Daemon;
using MoneyBot.TestSupport;

namespace MoneyBot.Supervisor.Tests.Daemon;

/// <summary>Which mappings the daemon may hand back, and when it does.</summary>
public sealed class StartupPagesTests
{
    private const string Smaps = """
        55d0c0000000-55d0c0019000 r--p 00000000 08:01 42 /opt/moneybot/moneybot
        Rss:                 100 kB
        Anonymous:             0 kB
        Private_Dirty:         0 kB
        Swap:                  0 kB
        VmFlags: rd mr mw me dw sd
        55d0c0019000-55d0c0780000 r-xp 00019000 08:01 42 /opt/moneybot/moneybot
        Rss:                6044 kB
        Anonymous:             0 kB
        Private_Dirty:         0 kB
        VmFlags: rd ex mr mw me dw sd
        55d0c0e34000-55d0c0e36000 r--p 00e33000 08:01 42 /opt/moneybot/moneybot
        Rss:                   8 kB
        Anonymous:             8 kB
        Private_Dirty:         8 kB
        VmFlags: rd mr mw me dw ac sd
        55d0c0e36000-55d0c0e6a000 rw-p 00e35000 08:01 42 /opt/moneybot/moneybot
        Rss:                 208 kB
        Anonymous:           100 kB
        VmFlags: rd wr mr mw me dw ac sd
        55d0c0e6a000-55d0c1283000 rw-p 00000000 00:00 0
        Rss:                4036 kB
        Anonymous:          4036 kB
        7f7447a00000-7f7447a28000 r--p 00000000 08:01 77 /usr/lib/x86_64-linux-gnu/libc.so.6
        Rss:                 160 kB
        Anonymous:             0 kB
        Private_Dirty:         0 kB
        7f7447a80000-7f7447a90000 r-xp 00000000 08:01 80 /opt/moneybot/just-copied.so
        Rss:                  64 kB
        Anonymous:             0 kB
        Private_Dirty:        64 kB
        7f7447b00000-7f7447b04000 r--s 00000000 08:01 78 /var/cache/shared.db
        Rss:                  16 kB
        Anonymous:             0 kB
        7f7447c00000-7f7447c02000 r--p 00000000 08:01 79 /usr/lib/x86_64-linux-gnu/swapped.so
        Rss:                   4 kB
        Swap:                  4 kB
        7ffd1c000000-7ffd1c002000 r-xp 00000000 00:00 0                          [vdso]
        Rss:                   8 kB
        Anonymous:             0 kB
        """;

    [Fact]
    public void Only_read_only_private_file_mappings_without_a_page_of_their_own_are_handed_back()
    {
        var clean = StartupPages.Clean(Smaps.Split('\n'));

        Assert.Equal(
            [
                (0x55d0c0000000ul, "r--p", "/opt/moneybot/moneybot", 100 * 1024L),
                (0x55d0c0019000ul, "r-xp", "/opt/moneybot/moneybot", 6044 * 1024L),
                (0x7f7447a00000ul, "r--p", "/usr/lib/x86_64-linux-gnu/libc.so.6", 160 * 1024L),
                (0x7f7447a80000ul, "r-xp", "/opt/moneybot/just-copied.so", 64 * 1024L),
            ],
            clean.Select(m => (m.Start, m.Permissions, m.Path, m.ResidentBytes))
        );
        // not: relocated data (read-only now, but modified: its pages are anonymous copies), writable data, the
        // anonymous heap, a shared mapping, a mapping with swapped pages, the vdso. A file written moments ago has
        // dirty pages in the page cache (Private_Dirty, not Anonymous): those are the file's and come back as such.
        Assert.Equal(0x55d0c0780000ul, clean[1].End);
    }

    [Fact]
    public void Handing_back_the_pages_of_this_very_process_leaves_it_working()
    {
        var released = StartupPages.Release();

        Assert.True(released > 0, $"released {released} bytes");
        Assert.NotEmpty(StartupPages.Clean(File.ReadLines("/proc/self/smaps"))); // code runs on, from the file
    }

    [Fact]
    public void Pages_go_back_at_start_and_after_a_busy_spell_once_a_period_has_passed_without_events()
    {
        var releases = 0;
        var log = new CapturingLogger();
        var pages = new PageReleaser(TimeProvider.System, log.For<PageReleaser>(), release: () =>
        {
            releases++;
            return 3 * 1024 * 1024;
        });

        pages.Start();
        Assert.Equal(1, releases);
        Assert.Contains(log.Lines, l => l.Contains("released 3.0 MiB of start-up pages", StringComparison.Ordinal));
        Assert.True(pages.Tick()); // a quiet period after the start: what the first commands touched goes back
        Assert.Equal(2, releases);
        Assert.False(pages.Tick()); // nothing happened since

        pages.Notice(); // a restart
        Assert.False(pages.Tick()); // still busy during this period
        pages.Notice();
        Assert.False(pages.Tick());
        Assert.True(pages.Tick()); // a whole period without events: the spell is over
        Assert.Equal(3, releases);
        Assert.False(pages.Tick());
    }

    [Fact]
    public void Without_smaps_the_pages_stay_and_the_reason_is_logged()
    {
        var log = new CapturingLogger();
        var pages = new PageReleaser(TimeProvider.System, log.For<PageReleaser>(), release: () =>
            throw new FileNotFoundException("no /proc/self/smaps")
        );

        pages.Start();

        Assert.Contains(log.Lines, l => l.Contains("pages kept: no /proc/self/smaps", StringComparison.Ordinal));
    }
}
