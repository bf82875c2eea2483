namespace MoneyBot.Common.Telegram;

/// <summary>Character checks for Telegram names and tokens.</summary>
internal static class NameCharacters
{
    /// <summary>Letters, digits and underscores (channel usernames).</summary>
    public static bool ContainsOnlyNameCharacters(this ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Letters, digits, underscores and dashes (the secret half of a bot token).</summary>
    public static bool ContainsOnlyTokenCharacters(this ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
