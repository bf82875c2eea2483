using System.Globalization;

namespace MoneyBot.Supervisor.Processes;

/// <summary>Reads Linux's /proc: parents, process groups and start times, to find a whole process tree.</summary>
public static class ProcessTable
{
    /// <summary>One line of /proc/&lt;pid&gt;/stat, the fields we use.</summary>
    public readonly record struct Entry(int Pid, int ParentPid, int GroupId, ulong StartTime, char State);

    /// <summary>The entry of one process, or null when it no longer exists.</summary>
    public static Entry? Read(int pid)
    {
        try
        {
            return Parse(pid, File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            // The process went away between listing and reading: it simply is not there.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when <paramref name="pid"/> still runs the process that started at <paramref name="startTime"/> (not a
    /// zombie, not a reused pid).
    /// </summary>
    public static bool IsAlive(int pid, ulong startTime) =>
        Read(pid) is { } e && e.State != 'Z' && (startTime == 0 || e.StartTime == startTime);

    /// <summary>
    /// Every live process whose ancestor is <paramref name="rootPid"/> or that is in process group <paramref
    /// name="groupId"/>.
    /// </summary>
    public static IReadOnlyList<Entry> TreeAndGroup(int rootPid, int groupId)
    {
        var all = new List<Entry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (
                int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { State: not 'Z' } entry
            )
            {
                all.Add(entry);
            }
        }

        var members = new HashSet<int> { rootPid };
        foreach (var e in all.Where(e => e.GroupId == groupId))
        {
            members.Add(e.Pid);
        }

        bool added;
        do
        {
            added = false;
            foreach (var e in all)
            {
                if (!members.Contains(e.Pid) && members.Contains(e.ParentPid))
                {
                    added |= members.Add(e.Pid);
                }
            }
        } while (added);

        return all.Where(e => members.Contains(e.Pid)).ToList();
    }

    /// <summary>
    /// Every live process (this one excepted) whose environment carries the <see cref="ChildMarker"/> of
    /// <paramref name="runDir"/>: children of any daemon of that run directory and their descendants. Processes
    /// of other users cannot be read and are not listed.
    /// </summary>
    public static IReadOnlyList<MarkedProcess> FindMarked(string runDir)
    {
        var wanted = Path.GetFullPath(runDir);
        var found = new List<MarkedProcess>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (
                !int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId
                || ReadMarker(pid) is not { } marker
                || marker.RunDir != wanted
                || Read(pid) is not { State: not 'Z' } entry
            )
            {
                continue;
            }

            found.Add(new MarkedProcess(pid, entry.StartTime, marker.Program, marker.Instance));
        }

        return found;
    }

    private static (string RunDir, string Instance, string Program)? ReadMarker(int pid)
    {
        string environ;
        try
        {
            environ = File.ReadAllText($"/proc/{pid}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone, or another user's
        }

        string? runDir = null,
            instance = null,
            program = null;
        foreach (var variable in environ.Split('\0'))
        {
            var eq = variable.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var value = variable[(eq + 1)..];
            switch (variable[..eq])
            {
                case ChildMarker.RunDirVariable:
                    runDir = value;
                    break;
                case ChildMarker.InstanceVariable:
                    instance = value;
                    break;
                case ChildMarker.ProgramVariable:
                    program = value;
                    break;
            }
        }

        return runDir is null ? null : (runDir, instance ?? "", program ?? "?");
    }

    internal static Entry? Parse(int pid, string stat)
    {
        // "pid (comm) S ppid pgrp session ... starttime(22nd field)"; comm may contain spaces and parentheses.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return null;
        }

        return new Entry(
            pid,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            ulong.Parse(fields[19], CultureInfo.InvariantCulture),
            fields[0][0]
        );
    }
}
