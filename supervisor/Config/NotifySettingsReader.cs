using Quartz;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Reads <c>telegram.notify:</c> (each kind on, silent or off) and <c>telegram.schedules:</c> (Quartz cron
/// expressions, evaluated in UTC by the scheduler; empty or <c>off</c> turns one off).
/// <paramref name="isSecret"/> tells which expanded values must not be quoted (Quartz's reasons quote the expression).
/// </summary>
internal sealed class NotifySettingsReader(NodeReader reader, Func<string, bool> isSecret)
{
    public static readonly IReadOnlyList<string> Kinds =
    [
        "started",
        "crashed",
        "fatal",
        "recovered",
        "watchdog",
        "stopped",
        "reload",
        "daemon",
    ];

    public static readonly IReadOnlyList<string> ScheduleKeys = ["health_report", "daily_summary"];

    private const string CronExample = "\"0 0 */6 * * ?\"";

    /// <summary>
    /// YAML's <c>on</c>/<c>off</c> arrive as plain text; <c>true</c>/<c>false</c> are accepted as on/off too.
    /// </summary>
    private static readonly Dictionary<string, NotifyMode> Modes = new(StringComparer.Ordinal)
    {
        ["on"] = NotifyMode.On,
        ["silent"] = NotifyMode.Silent,
        ["off"] = NotifyMode.Off,
        ["true"] = NotifyMode.On,
        ["false"] = NotifyMode.Off,
    };

    /// <summary>Each kind given replaces only that kind's mode.</summary>
    public NotifySettings Notify(NotifySettings notify, YamlNode node, string path)
    {
        foreach (var field in reader.Fields(node, path, Kinds))
        {
            if (reader.Choice(field.Value, field.Path, Modes, "on, silent or off") is not { } mode)
            {
                continue;
            }

            notify = field.Key switch
            {
                "started" => notify with { Started = mode },
                "crashed" => notify with { Crashed = mode },
                "fatal" => notify with { Fatal = mode },
                "recovered" => notify with { Recovered = mode },
                "watchdog" => notify with { Watchdog = mode },
                "stopped" => notify with { Stopped = mode },
                "reload" => notify with { Reload = mode },
                _ => notify with { Daemon = mode },
            };
        }

        return notify;
    }

    /// <summary>Each schedule given replaces only that schedule.</summary>
    public TelegramSettings Schedules(TelegramSettings settings, YamlNode node, string path)
    {
        foreach (var field in reader.Fields(node, path, ScheduleKeys))
        {
            if (Cron(field.Value, field.Path) is not { } schedule)
            {
                continue;
            }

            settings =
                field.Key == "health_report"
                    ? settings with
                    {
                        HealthReportCron = schedule.Expression,
                    }
                    : settings with
                    {
                        DailySummaryCron = schedule.Expression,
                    };
        }

        return settings;
    }

    /// <summary>
    /// A valid Quartz cron expression, or none for an empty value or <c>off</c>. Null after an error.
    /// </summary>
    private Schedule? Cron(YamlNode node, string path)
    {
        if (reader.String(node, path) is not { } text)
        {
            return null;
        }

        var expression = text.Trim();
        if (expression.Length == 0 || expression.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return new Schedule(null);
        }

        if (CronExpression.TryParse(expression, out _))
        {
            return new Schedule(expression);
        }

        var raw = node is YamlScalar scalar ? scalar.Value : expression;
        reader.Diagnostics.Add(
            node,
            path,
            $"expected a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], "
                + $"UTC) such as {CronExample}, or off; found '{raw}': "
                + $"{(isSecret(expression) ? "a secret value (not shown)" : Reason(expression))}"
        );
        return null;
    }

    /// <summary>Why Quartz refuses <paramref name="expression"/>, in words a config author can act on.</summary>
    private static string Reason(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields == 5)
        {
            return $"it has 5 fields, the Unix crontab form; put the seconds first, such as {CronExample} for "
                + $"every 6 hours, "
                + "and note that Quartz numbers days of the week 1-7 from Sunday (or use SUN, MON, ...)";
        }

        try
        {
            CronExpression.Parse(expression);
            return "Quartz cannot read it";
        }
        catch (FormatException ex)
        {
            // Parse is only called to get Quartz's explanation of an expression TryParse already refused.
            return ex.Message;
        }
    }

    /// <summary>A schedule as read: an expression, or null for none.</summary>
    private readonly record struct Schedule(string? Expression);
}
