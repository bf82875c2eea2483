using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

public sealed class TelegramConfigErrorTests : IDisposable
{
    private const string Token = "123456:AAF-telegram-secret-token";

    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Bad_chat_ids_and_user_ids_are_reported_each_at_its_item()
    {
        var errors = _fixture.LoadInvalid(
            $"""
            telegram:
              token: "{Token}"
              chat_ids: [123, "@ab", 0, "12x", "@good_channel"]
              admin_users: "111, -5"
            """
        );

        Assert.Equal(4, errors.Count);
        ConfigAssert.AssertError(
            errors[0],
            3,
            19,
            "telegram.chat_ids[1]",
            "expected a chat id (a whole number such as 123456789 or -1001234567890) or a channel name such as "
                + "@my_channel, found '@ab'"
        );
        ConfigAssert.AssertError(errors[1], 3, 26, "telegram.chat_ids[2]", "found '0'");
        ConfigAssert.AssertError(errors[2], 3, 29, "telegram.chat_ids[3]", "found '12x'");
        ConfigAssert.AssertError(
            errors[3],
            4,
            16,
            "telegram.admin_users",
            "expected a Telegram user id (a positive whole number), found '-5'"
        );
    }

    [Fact]
    public void Bad_item_in_a_comma_separated_chat_list_is_reported_at_the_value()
    {
        var environment = new Dictionary<string, string> { ["TELEGRAM_ADMIN_CHAT_IDS"] = "123, me" };

        var errors = _fixture.LoadInvalid(
            $"telegram:\n  token: \"{Token}\"\n  chat_ids: ${{TELEGRAM_ADMIN_CHAT_IDS}}\n",
            environment
        );

        ConfigAssert.Single(errors, 3, 13, "telegram.chat_ids", "found 'me'");
    }

    [Theory]
    [InlineData(
        "health_report: \"0 0 25 * * ?\"",
        3,
        20,
        "telegram.schedules.health_report",
        "found '0 0 25 * * ?': Hour values must be between 0 and 23"
    )]
    [InlineData(
        "daily_summary: \"0 0 * * *\"",
        3,
        20,
        "telegram.schedules.daily_summary",
        "it has 5 fields, the Unix crontab form; put the seconds first"
    )]
    [InlineData(
        "daily_summary: every day",
        3,
        20,
        "telegram.schedules.daily_summary",
        "expected a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], UTC) "
            + "such as \"0 0 */6 * * ?\", or off; found 'every day'"
    )]
    [InlineData(
        "health_report: [0, 0]",
        3,
        20,
        "telegram.schedules.health_report",
        "expected a text value, found a list"
    )]
    [InlineData(
        "hourly: \"0 0 * * * ?\"",
        3,
        5,
        "telegram.schedules.hourly",
        "unknown key 'hourly'; expected one of: health_report, daily_summary"
    )]
    public void Bad_schedules_are_reported_at_the_value_with_the_reason(
        string schedule,
        int line,
        int column,
        string path,
        string message
    )
    {
        var errors = _fixture.LoadInvalid($"telegram:\n  schedules:\n    {schedule}\n");

        ConfigAssert.Single(errors, line, column, path, message);
    }

    [Theory]
    [InlineData("crashed: loud", 3, 14, "telegram.notify.crashed", "expected on, silent or off, found 'loud'")]
    [InlineData(
        "stopped: slient",
        3,
        14,
        "telegram.notify.stopped",
        "expected on, silent or off, found 'slient'; did you mean 'silent'?"
    )]
    [InlineData("fatal:", 3, 11, "telegram.notify.fatal", "expected on, silent or off, found nothing")]
    [InlineData("crash: on", 3, 5, "telegram.notify.crash", "unknown key 'crash'; did you mean 'crashed'?")]
    public void Bad_notify_entries_are_reported_with_the_allowed_modes(
        string entry,
        int line,
        int column,
        string path,
        string message
    )
    {
        var errors = _fixture.LoadInvalid($"telegram:\n  notify:\n    {entry}\n");

        ConfigAssert.Single(errors, line, column, path, message);
    }

    [Theory]
    [InlineData("tokn: x", 2, 3, "telegram.tokn", "unknown key 'tokn'; did you mean 'token'?")]
    [InlineData("chat_id: 1", 2, 3, "telegram.chat_id", "did you mean 'chat_ids'?")]
    [InlineData(
        "api_url: ftp://example.org",
        2,
        12,
        "telegram.api_url",
        "expected an absolute http or https URL such as https://api.telegram.org, found 'ftp://example.org'"
    )]
    [InlineData("api_url: /bot-api", 2, 12, "telegram.api_url", "found '/bot-api'")]
    [InlineData("message_max_age: 0s", 2, 20, "telegram.message_max_age", "must be greater than 0")]
    [InlineData(
        "crash_loop_window: soon",
        2,
        22,
        "telegram.crash_loop_window",
        "expected a duration such as 500ms, 10s, 5m, 1h, found 'soon'"
    )]
    [InlineData("notify: on", 2, 11, "telegram.notify", "expected a mapping (key: value), found a value")]
    [InlineData("chat_ids: { a: 1 }", 2, 13, "telegram.chat_ids", "expected a comma-separated list of chat ids")]
    public void Bad_telegram_settings_are_reported_with_a_hint(
        string setting,
        int line,
        int column,
        string path,
        string message
    )
    {
        var errors = _fixture.LoadInvalid($"telegram:\n  {setting}\n");

        ConfigAssert.Single(errors, line, column, path, message);
    }

    [Fact]
    public void Every_problem_in_the_section_is_reported_at_once()
    {
        var errors = _fixture.LoadInvalid(
            """
            telegram:
              chat_ids: [abc]
              notify: { started: maybe }
              schedules: { daily_summary: "61 * * * * ?" }
              message_max_age: forever
            """
        );

        Assert.Equal(
            [
                "telegram.chat_ids[0]",
                "telegram.notify.started",
                "telegram.schedules.daily_summary",
                "telegram.message_max_age",
            ],
            errors.Select(e => e.YamlPath)
        );
    }

    [Fact]
    public void Token_never_appears_in_any_error_text()
    {
        var environment = new Dictionary<string, string> { ["ADMIN_BOT"] = Token, ["IDS"] = "42, " + Token };

        var errors = _fixture.LoadInvalid(
            """
            telegram:
              chat_ids: [1, "${ADMIN_BOT}", "${IDS}"]
              admin_users: ${ADMIN_BOT}
              token: ${ADMIN_BOT}
              api_url: ${ADMIN_BOT}
              notify: { started: "${ADMIN_BOT}" }
              schedules: { health_report: "${ADMIN_BOT}" }
              message_max_age: ${ADMIN_BOT}
            """,
            environment
        );

        Assert.Equal(7, errors.Count);
        Assert.Contains(errors, e =>
            e.YamlPath == "telegram.chat_ids[1]"
            && e.Message.Contains("a secret value (not shown)", StringComparison.Ordinal)
        );
        Assert.All(errors, e => Assert.DoesNotContain("telegram-secret", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Token_without_chat_ids_is_an_error_because_notifications_would_go_nowhere()
    {
        var errors = _fixture.LoadInvalid($"programs: {{}}\ntelegram:\n  token: \"{Token}\"\n");

        var error = ConfigAssert.Single(
            errors,
            2,
            1,
            "telegram.chat_ids",
            "a token is set but no chat ids; set TELEGRAM_ADMIN_CHAT_IDS"
        );
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Token_with_an_empty_chat_list_is_reported_at_the_list()
    {
        var errors = _fixture.LoadInvalid(
            $"telegram:\n  token: \"{Token}\"\n  chat_ids: ${{TELEGRAM_ADMIN_CHAT_IDS:-}}\n"
        );

        ConfigAssert.Single(errors, 3, 13, "telegram.chat_ids", "a token is set but no chat ids");
    }

    [Fact]
    public void Unset_variables_in_the_section_are_errors_like_everywhere()
    {
        var errors = _fixture.LoadInvalid(
            "telegram:\n  token: ${TELEGRAM_BOT_TOKEN_SUPERVISOR}\n  chat_ids: ${TELEGRAM_ADMIN_CHAT_IDS}\n"
        );

        Assert.Equal(2, errors.Count);
        ConfigAssert.AssertError(
            errors[0],
            2,
            10,
            "telegram.token",
            "variable 'TELEGRAM_BOT_TOKEN_SUPERVISOR' is not set"
        );
        ConfigAssert.AssertError(
            errors[1],
            3,
            13,
            "telegram.chat_ids",
            "variable 'TELEGRAM_ADMIN_CHAT_IDS' is not set"
        );
    }
}
