namespace MoneyBot.Supervisor.Telegram;

/// <summary>A command from a chat: <c>/restart extgap-3m</c> is ("restart", ["extgap-3m"]).</summary>
public sealed record ChatCommand(string Name, IReadOnlyList<string> Args)
{
    /// <summary>Parses <c>/name[@bot] args...</c>; null for anything that is not a command.</summary>
    public static ChatCommand? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text[0] != '/')
        {
            return null;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var name = words[0][1..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        return name.Length == 0 ? null : new ChatCommand(name.ToLowerInvariant(), words[1..]);
    }
}
