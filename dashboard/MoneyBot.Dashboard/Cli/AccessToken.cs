namespace MoneyBot.Dashboard.Cli;

/// <summary>
/// Reads the access token of <c>--token-file</c>: one line, at least 16 characters, readable by us only.
/// </summary>
internal static class AccessToken
{
    /// <summary>The shortest token accepted.</summary>
    public const int MinimumLength = 16;

    /// <summary>The token, or the problem with the file (naming it).</summary>
    public static (string? Token, string? Problem) Read(string path)
    {
        string text;
        try
        {
            if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                return (null, $"--token-file {path}: readable by others; make it private: chmod 600 {path}");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"--token-file {path}: cannot read it: {e.Message}");
        }

        var token = text.Trim();
        if (token.Contains('\n', StringComparison.Ordinal) || token.Any(char.IsWhiteSpace))
        {
            return (null, $"--token-file {path}: expected one token on one line, without spaces");
        }

        if (token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')))
        {
            return (
                null,
                $"--token-file {path}: use letters, digits and - _ . ~ only (the token travels in a link); "
                    + "for example: openssl rand -hex 24 > FILE"
            );
        }

        return token.Length < MinimumLength
            ? (
                null,
                $"--token-file {path}: the token has {token.Length} characters; use at least {MinimumLength} "
                    + "(for example: openssl rand -hex 24 > FILE)"
            )
            : (token, null);
    }
}
