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
    private readonly byte[][] _utf8Secrets;
    private readonly byte[][] _utf8Replacements;

    /// <summary>Masks every occurrence of any of <paramref name="secrets"/> (compared ordinally).</summary>
    public SecretMasker(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so a secret that contains another is masked whole.
        _secrets =
        [
            .. secrets
                .Where(s => !string.IsNullOrEmpty(s) && s.Length >= MinSecretLength)
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(s => s.Length),
        ];
        _replacements = [.. _secrets.Select(Replacement)];
        _search = _secrets.Length == 0 ? null : SearchValues.Create(_secrets, StringComparison.Ordinal);
        _utf8Secrets = [.. _secrets.Select(Encoding.UTF8.GetBytes)];
        _utf8Replacements = [.. _replacements.Select(Encoding.UTF8.GetBytes)];
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

    /// <summary>
    /// Masks UTF-8 text in place and returns its new length (a replacement is never longer than its
    /// secret). Used on program output, where a secret cannot span two chunks because chunks hold
    /// whole lines and secrets hold no newline.
    /// </summary>
    internal int MaskUtf8InPlace(Span<byte> text)
    {
        var length = text.Length;
        for (var i = 0; i < _utf8Secrets.Length; i++)
        {
            var secret = _utf8Secrets[i];
            var found = text[..length].IndexOf(secret);
            if (found < 0)
            {
                continue;
            }

            // Compact as we go: read after each occurrence, write after each replacement.
            var write = found;
            var read = found;
            while (found >= 0)
            {
                _utf8Replacements[i].CopyTo(text[write..]);
                write += _utf8Replacements[i].Length;
                read += secret.Length;
                found = text[read..length].IndexOf(secret);
                var keep = found < 0 ? length - read : found;
                text.Slice(read, keep).CopyTo(text[write..]);
                write += keep;
                read += keep;
            }

            length = write;
        }

        return length;
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
