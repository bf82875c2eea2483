using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

public sealed class TelegramConfigTests : IDisposable
{
    private const string Token = "123456:AAF-telegram-secret-token";

    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Full_section_is_read_into_the_settings()
    {
        var environment = new Dictionary<string, string> { ["TELEGRAM_BOT_TOKEN_SUPERVISOR"] = Token };

        var config = _fixture.LoadValid(
            """
            telegram:
              token: ${TELEGRAM_BOT_TOKEN_SUPERVISOR}
              chat_ids: [123456789, -1001234567890, "@moneybot_alerts"]
              admin_users: [111, 222]
              api_url: http://127.0.0.1:8081/
              notify:
                started: off
                crashed: on
                fatal: true
                recovered: silent
                watchdog: "on"
                stopped: false
                reload: silent
                daemon: off
              schedules: { health_report: "0 0 */2 * * ?", daily_summary: "0 30 7 ? * MON-FRI" }
              message_max_age: 30m
              crash_loop_window: 90s
            """,
            environment
        );

        var telegram = config.Telegram;
        Assert.True(telegram.Enabled);
        Assert.Equal(Token, telegram.Token);
        Assert.Equal(["123456789", "-1001234567890", "@moneybot_alerts"], telegram.ChatIds);
        Assert.Equal([111L, 222L], telegram.AdminUsers);
        Assert.Equal(new Uri("http://127.0.0.1:8081/"), telegram.ApiUrl);
        Assert.Equal(
            new NotifySettings(
                NotifyMode.Off,
                NotifyMode.On,
                NotifyMode.On,
                NotifyMode.Silent,
                NotifyMode.On,
                NotifyMode.Off,
                NotifyMode.Silent,
                NotifyMode.Off
            ),
            telegram.Notify
        );
        Assert.Equal("0 0 */2 * * ?", telegram.HealthReportCron);
        Assert.Equal("0 30 7 ? * MON-FRI", telegram.DailySummaryCron);
        Assert.Equal(TimeSpan.FromMinutes(30), telegram.MessageMaxAge);
        Assert.Equal(TimeSpan.FromSeconds(90), telegram.CrashLoopWindow);
    }

    [Theory]
    [InlineData("programs: {}\n")]
    [InlineData("telegram:\n")]
    [InlineData("telegram: {}\n")]
    public void Absent_or_empty_section_means_Telegram_is_off(string yaml)
    {
        var config = _fixture.LoadValid(yaml);

        Assert.Equal(TelegramSettings.Disabled, config.Telegram);
        Assert.False(config.Telegram.Enabled);
    }

    [Fact]
    public void Keys_left_out_keep_the_named_defaults()
    {
        var config = _fixture.LoadValid(
            $"telegram:\n  token: \"{Token}\"\n  chat_ids: 42\n  notify: {{ crashed: silent }}\n"
        );

        var expected = TelegramSettings.Disabled with
        {
            Token = Token,
            ChatIds = config.Telegram.ChatIds,
            Notify = NotifySettings.Default with { Crashed = NotifyMode.Silent },
        };
        Assert.Equal(expected, config.Telegram);
        Assert.Equal(["42"], config.Telegram.ChatIds);
        Assert.Equal(new Uri("https://api.telegram.org"), config.Telegram.ApiUrl);
        Assert.Equal(TimeSpan.FromHours(1), config.Telegram.MessageMaxAge);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Telegram.CrashLoopWindow);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  token:\n")]
    [InlineData("  token: \"\"\n")]
    [InlineData("  token: ${TELEGRAM_BOT_TOKEN_SUPERVISOR:-}\n")]
    [InlineData("  token: \"${EMPTY}  \"\n")]
    public void No_token_turns_Telegram_off_without_an_error(string tokenLine)
    {
        var environment = new Dictionary<string, string> { ["EMPTY"] = string.Empty };

        var config = _fixture.LoadValid($"telegram:\n{tokenLine}  chat_ids: 42\n", environment);

        Assert.Null(config.Telegram.Token);
        Assert.False(config.Telegram.Enabled);
        Assert.Equal(["42"], config.Telegram.ChatIds);
    }

    [Theory]
    [InlineData("chat_ids: ${TELEGRAM_ADMIN_CHAT_IDS}")]
    [InlineData("chat_ids: \"123456789, -1001234567890 ,@moneybot_alerts,\"")]
    [InlineData("chat_ids: [123456789, -1001234567890, \"@moneybot_alerts\"]")]
    [InlineData("chat_ids: [\"${TELEGRAM_ADMIN_CHAT_IDS}\", 123456789]")]
    [InlineData("chat_ids:\n    - \"123456789,-1001234567890\"\n    - \"@moneybot_alerts\"")]
    public void Chat_ids_may_be_a_comma_separated_value_or_a_list(string chatIds)
    {
        var environment = new Dictionary<string, string>
        {
            ["TELEGRAM_ADMIN_CHAT_IDS"] = "123456789,-1001234567890, @moneybot_alerts",
        };

        var config = _fixture.LoadValid($"telegram:\n  token: \"{Token}\"\n  {chatIds}\n", environment);

        Assert.Equal(["123456789", "-1001234567890", "@moneybot_alerts"], config.Telegram.ChatIds);
    }

    [Theory]
    [InlineData("admin_users: \"111, 222\"")]
    [InlineData("admin_users: [111, 222, 111]")]
    [InlineData("admin_users: ${ADMINS}")]
    public void Admin_users_may_be_a_comma_separated_value_or_a_list(string adminUsers)
    {
        var environment = new Dictionary<string, string> { ["ADMINS"] = "111,222" };

        var config = _fixture.LoadValid($"telegram:\n  {adminUsers}\n", environment);

        Assert.Equal([111L, 222L], config.Telegram.AdminUsers);
    }

    [Fact]
    public void Empty_or_off_schedule_turns_that_schedule_off()
    {
        var config = _fixture.LoadValid("telegram:\n  schedules: { health_report: off, daily_summary: \"\" }\n");

        Assert.Null(config.Telegram.HealthReportCron);
        Assert.Null(config.Telegram.DailySummaryCron);
    }

    [Fact]
    public void Token_is_a_secret_even_when_its_variable_name_does_not_say_so()
    {
        var environment = new Dictionary<string, string> { ["ADMIN_BOT"] = Token };

        var config = _fixture.LoadValid("telegram:\n  token: ${ADMIN_BOT}\n  chat_ids: 42\n", environment);

        Assert.Equal(Token, config.Telegram.Token);
        Assert.Equal([Token], config.Secrets);
    }

    [Fact]
    public void Token_named_like_a_secret_is_listed_once()
    {
        var environment = new Dictionary<string, string> { ["TELEGRAM_BOT_TOKEN_SUPERVISOR"] = Token };

        var config = _fixture.LoadValid(
            "telegram:\n  token: ${TELEGRAM_BOT_TOKEN_SUPERVISOR}\n  chat_ids: 42\n",
            environment
        );

        Assert.Equal([Token], config.Secrets);
    }
}
