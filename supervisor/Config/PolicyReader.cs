using MoneyBot.Common.Resilience;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Reads the nested settings <c>backoff:</c>, <c>give_up:</c> and <c>logs:</c> over inherited values:
/// each key given replaces only that part, so a program's <c>backoff: { max: 1m }</c> keeps the rest.
/// </summary>
internal sealed class PolicyReader(NodeReader reader)
{
    public static readonly IReadOnlyList<string> BackoffKeys = ["initial", "factor", "max", "jitter", "reset_after"];
    public static readonly IReadOnlyList<string> GiveUpKeys = ["restarts", "within", "retry_after"];
    public static readonly IReadOnlyList<string> LogKeys = ["max_size", "backups", "timestamps", "stderr"];
    public static readonly IReadOnlyList<string> DaemonLogKeys = ["max_size", "backups"];

    private static readonly Dictionary<string, StderrMode> StderrModes = new(StringComparer.Ordinal)
    {
        ["separate"] = StderrMode.Separate,
        ["merge"] = StderrMode.Merge,
    };

    public BackoffPolicy Backoff(BackoffPolicy policy, YamlNode node, string path)
    {
        foreach (var field in reader.Fields(node, path, BackoffKeys))
        {
            var (value, at) = (field.Value, field.Path);
            policy = field.Key switch
            {
                "initial" => reader.Duration(value, at) is { } d ? policy with { Initial = d } : policy,
                "factor" => reader.Number(value, at, min: 1) is { } f ? policy with { Factor = f } : policy,
                "max" => reader.Duration(value, at) is { } d ? policy with { Max = d } : policy,
                "jitter" => reader.Number(value, at, min: 0, max: 1) is { } j ? policy with { Jitter = j } : policy,
                _ => reader.Duration(value, at) is { } d ? policy with { ResetAfter = d } : policy,
            };
        }

        return policy;
    }

    public GiveUpPolicy GiveUp(GiveUpPolicy policy, YamlNode node, string path)
    {
        foreach (var field in reader.Fields(node, path, GiveUpKeys))
        {
            var (value, at) = (field.Value, field.Path);
            policy = field.Key switch
            {
                "restarts" => reader.Int(value, at, min: 0) is { } n ? policy with { Restarts = n } : policy,
                "within" => reader.Duration(value, at) is { } d ? policy with { Within = d } : policy,
                _ => RetryAfter(value, at) is { } retry ? policy with { RetryAfter = retry.Value } : policy,
            };
        }

        return policy;
    }

    /// <summary>
    /// <c>logs:</c> of a program, or (with <see cref="DaemonLogKeys"/>) the daemon's own <c>log:</c>.
    /// </summary>
    public LogSettings Logs(LogSettings settings, YamlNode node, string path, IReadOnlyList<string> keys)
    {
        foreach (var field in reader.Fields(node, path, keys))
        {
            var (value, at) = (field.Value, field.Path);
            settings = field.Key switch
            {
                "max_size" => reader.Size(value, at) is { } size ? settings with { MaxSize = size } : settings,
                "backups" => reader.Int(value, at, min: 0) is { } n ? settings with { Backups = n } : settings,
                "timestamps" => reader.Bool(value, at) is { } b ? settings with { Timestamps = b } : settings,
                _ => reader.Choice(value, at, StderrModes, "separate or merge") is { } m
                    ? settings with
                    {
                        Stderr = m,
                    }
                    : settings,
            };
        }

        return settings;
    }

    /// <summary>
    /// <c>retry_after</c>: a duration, or empty / <c>null</c> / <c>off</c> for no retry. Null after an error.
    /// </summary>
    private Optional? RetryAfter(YamlNode node, string path)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return new Optional(null);
        }

        var text = reader.Expanded(node, path, NodeReader.DurationForm + " or off");
        if (text is null)
        {
            return null;
        }

        return text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) || text.Length == 0 ? new Optional(null)
            : reader.Duration(node, path) is { } d ? new Optional(d)
            : null;
    }

    private readonly record struct Optional(TimeSpan? Value);
}
