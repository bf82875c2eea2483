using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>Looks at real processes through /proc.</summary>
public static class ProcessProbe
{
    public static bool IsAlive(int pid) => ProcessTable.Read(pid) is { State: not 'Z' };

    /// <summary>Live processes whose command line contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> WithArgument(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (cmdline.Contains(marker) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // gone meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                // not ours to read
            }
        }

        return found;
    }

    /// <summary>Kills a pid if it is still there (test cleanup).</summary>
    public static void KillQuietly(int pid)
    {
        if (IsAlive(pid))
        {
            ChildProcess.KillTree(pid, pid);
        }
    }
}
