using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// Replaces known secrets in text before it reaches a log or a message. A Telegram bot token
/// <c>123456:ABC...</c> keeps its public bot id (<c>123456:***</c>); any other secret becomes <c>***</c>.
/// Secrets shorter than <see cref="MinSecretLength"/> characters are ignored: masking them would
/// garble every line while hiding nothing worth hiding.
/// </summary>
public sealed partial class SecretMasker
{
    /// <summary>Shortest secret that is masked.</summary>
    public const int MinSecretLength = 4;

    private const string Hidden = "***";

    private readonly string[] _secrets;
    private readonly string[] _replacements;
    private readonly SearchValues<string>? _search;

    /// <summary>Masks every occurrence of any of <paramref name="secrets"/> (compared ordinally).</summary>
    public SecretMasker(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so a secret that contains another is masked whole.
        _secrets = [.. secrets
            .Where(s => !string.IsNullOrEmpty(s) && s.Length >= MinSecretLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];
        _replacements = [.. _secrets.Select(Replacement)];
        _search = _secrets.Length == 0 ? null : SearchValues.Create(_secrets, StringComparison.Ordinal);
    }

    /// <summary>A masker with no secrets: <see cref="Mask"/> returns its input.</summary>
    public static SecretMasker None { get; } = new([]);

    /// <summary>Whether there is anything to mask.</summary>
    public bool IsEmpty => _search is null;

    /// <summary>The text with every secret replaced.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_search is null)
        {
            return text;
        }

        var rest = text.AsSpan();
        var found = rest.IndexOfAny(_search);
        if (found < 0)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        while (found >= 0)
        {
            var which = SecretAt(rest[found..]);
            masked.Append(rest[..found]).Append(_replacements[which]);
            rest = rest[(found + _secrets[which].Length)..];
            found = rest.IndexOfAny(_search);
        }

        return masked.Append(rest).ToString();
    }

    private int SecretAt(ReadOnlySpan<char> text)
    {
        // The search found one of them here; the longest that matches is the one to mask.
        for (var i = 0; i < _secrets.Length; i++)
        {
            if (text.StartsWith(_secrets[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException("SearchValues reported a secret that none of the secrets match.");
    }

    /// <summary>What a secret is shown as: <c>123456:***</c> for a Telegram bot token, <c>***</c> otherwise.</summary>
    public static string Replacement(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var match = TelegramToken().Match(secret);
        return match.Success ? match.Groups["id"].Value + ":" + Hidden : Hidden;
    }

    [GeneratedRegex(@"^(?<id>[0-9]{3,}):[A-Za-z0-9_-]{20,}$", RegexOptions.CultureInvariant)]
    private static partial Regex TelegramToken();
}
