using System.Text.Json;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>Reads and atomically rewrites the state file (write to a temp file, then rename).</summary>
public sealed class DaemonStateStore(string path)
{
    private readonly Lock _gate = new();

    public string Path => path;

    /// <summary>The saved state; empty when there is none. A corrupt file is reported, not fatal.</summary>
    public DaemonState Load(out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            return DaemonState.Empty;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), DaemonJsonContext.Default.DaemonState)
                ?? DaemonState.Empty;
        }
        catch (JsonException e)
        {
            problem = $"state file {path} is unreadable ({e.Message}); starting without remembered stops";
            return DaemonState.Empty;
        }
    }

    /// <summary>Saves what <paramref name="programs"/> look like now.</summary>
    public void Save(IEnumerable<ProgramStatus> programs)
    {
        var list = programs.ToList();
        var state = new DaemonState(
            list.Where(p => p.StoppedByOperator).Select(p => p.Name).ToList(),
            list.Where(p => p.Pid is not null)
                .Select(p => new ChildRecord(p.Name, p.Pid!.Value, p.PidStartTime ?? 0))
                .ToList()
        );
        var json = JsonSerializer.Serialize(state, DaemonJsonContext.Default.DaemonState);
        lock (_gate)
        {
            var temp = path + ".tmp";
            File.WriteAllText(temp, json);
            File.Move(temp, path, overwrite: true);
        }
    }
}
