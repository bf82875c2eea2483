namespace MoneyBot.Supervisor.Config;

/// <summary>The <c>telegram:</c> section: the supervisor's admin bot.</summary>
/// <param name="Token">Bot token (from the environment); null or empty: Telegram is off.</param>
/// <param name="ChatIds">Admin chats: notifications go here, commands are accepted from here (numeric ids or @channel
/// names).</param>
/// <param name="AdminUsers">In group chats, only these user ids may command (empty: anyone in an admin chat).</param>
/// <param name="ApiUrl">Bot API base URL (a local Bot API server, or a fake one in tests).</param>
/// <param name="Notify">Per-kind notification modes.</param>
/// <param name="HealthReportCron">Quartz cron (UTC) for the health report; null: none.</param>
/// <param name="DailySummaryCron">Quartz cron (UTC) for the daily summary; null: none.</param>
/// <param name="MessageMaxAge">A queued non-critical message older than this is dropped (logged and counted).</param>
/// <param name="CrashLoopWindow">Crashes of one program within this window update one message instead of sending new
/// ones.</param>
public sealed record TelegramSettings(
    string? Token,
    IReadOnlyList<string> ChatIds,
    IReadOnlyList<long> AdminUsers,
    Uri ApiUrl,
    NotifySettings Notify,
    string? HealthReportCron,
    string? DailySummaryCron,
    TimeSpan MessageMaxAge,
    TimeSpan CrashLoopWindow
)
{
    public static Uri DefaultApiUrl { get; } = new("https://api.telegram.org");

    /// <summary>No <c>telegram:</c> section: off.</summary>
    public static TelegramSettings Disabled { get; } =
        new(
            null,
            [],
            [],
            DefaultApiUrl,
            NotifySettings.Default,
            "0 0 */6 * * ?",
            "0 0 0 * * ?",
            TimeSpan.FromHours(1),
            TimeSpan.FromMinutes(10)
        );

    /// <summary>True when there is a token and at least one chat.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Token) && ChatIds.Count > 0;
}
