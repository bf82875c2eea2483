using System.Text.Json;

namespace MoneyBot.ExtGap.State;

/// <summary>Saves the state atomically (temp file, fsync, rename) and loads it back.</summary>
/// <param name="path">The state file.</param>
public sealed class BotStateStore(string path)
{
    /// <summary>The state file.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The saved state, or null when there is no state file yet.</summary>
    /// <exception cref="BotStateException">The file is unreadable or not a valid state.</exception>
    public BotState? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        BotState? state;
        try
        {
            using var stream = File.OpenRead(Path);
            state = JsonSerializer.Deserialize(stream, BotStateJsonContext.Default.BotState);
        }
        catch (JsonException ex)
        {
            throw new BotStateException(
                $"state file {Path} is corrupt ({ex.Message}); move it aside to start fresh",
                ex
            );
        }
        catch (IOException ex)
        {
            throw new BotStateException($"cannot read state file {Path}: {ex.Message}", ex);
        }

        if (state is null || state.Detector is null || state.Trader is null || state.Detector.Group is null)
        {
            throw new BotStateException($"state file {Path} is incomplete; move it aside to start fresh");
        }

        return state.Version == BotState.CurrentVersion
            ? state
            : throw new BotStateException(
                $"state file {Path} has version {state.Version}, this bot reads {BotState.CurrentVersion}"
            );
    }

    /// <summary>
    /// Writes the state to a temp file beside the target, flushes it to disk, then renames it over the target.
    /// </summary>
    public void Save(BotState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var temp = Path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, BotStateJsonContext.Default.BotState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path, overwrite: true);
    }
}
