using System.Globalization;

namespace MoneyBot.Supervisor.Logging;

/// <summary>The UTC line prefix used by every log we write: <c>2026-11-21T23:27:13.123Z</c>.</summary>
internal static class LogTimestamp
{
    /// <summary>Length of the timestamp in bytes/chars, without the separating space.</summary>
    public const int Length = 24;

    /// <summary>Length of a line prefix: the timestamp and one space.</summary>
    public const int PrefixLength = Length + 1;

    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// Writes <c>timestamp + ' '</c> as ASCII into <paramref name="destination"/> (at least <see cref="PrefixLength"/>
    /// bytes).
    /// </summary>
    public static void WritePrefix(DateTimeOffset time, Span<byte> destination)
    {
        if (
            !time.UtcDateTime.TryFormat(destination, out var written, Format, CultureInfo.InvariantCulture)
            || written != Length
        )
        {
            throw new InvalidOperationException(
                $"Could not format the log timestamp {time:O}; the year must have four digits."
            );
        }

        destination[Length] = (byte)' ';
    }

    /// <summary>The timestamp as a string, without a trailing space.</summary>
    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
