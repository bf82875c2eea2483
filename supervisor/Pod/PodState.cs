using System.Text.Json;

namespace MoneyBot.Supervisor.Pod;

/// <summary>
/// What <c>moneybot pod run</c> knows of its program, kept in <c>&lt;state dir&gt;/&lt;name&gt;.state.json</c> for
/// <c>moneybot pod probe</c>: its pid, READY=1 and the last WATCHDOG=1 (Unix milliseconds).
/// </summary>
public sealed record PodState(
    string Name,
    int Pid,
    long StartedMs,
    bool Ready,
    long? ReadyMs,
    long? LastWatchdogMs,
    long WatchdogMs,
    string? Status
)
{
    public static string PathIn(string directory, string name) => Path.Combine(directory, name + ".state.json");

    /// <summary>Writes the state whole or not at all (a temporary file renamed over the old one).</summary>
    public void Save(string directory)
    {
        var path = PathIn(directory, Name);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, PodJsonContext.Default.PodState));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The saved state; null when there is none. </summary>
    /// <exception cref="JsonException">The file is not a state.</exception>
    public static PodState? Load(string directory, string name)
    {
        var path = PathIn(directory, name);
        if (!File.Exists(path))
        {
            return null;
        }

        return JsonSerializer.Deserialize(File.ReadAllBytes(path), PodJsonContext.Default.PodState)
            ?? throw new JsonException($"{path}: empty");
    }
}
