using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

public sealed class VariableExpansionTests : IDisposable
{
    private const string SecretValue = "98765:super-secret-token-value";

    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Variables_expand_from_the_process_environment()
    {
        var environment = new Dictionary<string, string> { ["SYMBOL"] = "BTCUSDT", ["TF"] = "3m" };

        var config = _fixture.LoadValid(
            "programs:\n  bot: { command: bot, args: [\"--pair=${SYMBOL}/${TF}\", \"${TF}\"] }\n",
            environment
        );

        Assert.Equal(["--pair=BTCUSDT/3m", "3m"], config.Programs[0].Args);
    }

    [Fact]
    public void Defaults_apply_when_a_variable_is_unset_or_empty()
    {
        var environment = new Dictionary<string, string> { ["EMPTY"] = string.Empty, ["SET"] = "x" };

        var config = _fixture.LoadValid(
            """
            programs:
              bot:
                command: bot
                args: ["${UNSET:-a b}", "${EMPTY:-fallback}", "${SET:-unused}", "${UNSET:-}", "${EMPTY}"]
            """,
            environment
        );

        Assert.Equal(["a b", "fallback", "x", "", ""], config.Programs[0].Args);
    }

    [Fact]
    public void Double_dollar_is_a_literal_dollar_and_a_lone_dollar_stays()
    {
        var config = _fixture.LoadValid(
            "programs:\n  bot: { command: bot, args: [\"$${HOME}\", \"cost $5\", \"a$$b\", \"end$\"] }\n"
        );

        Assert.Equal(["${HOME}", "cost $5", "a$b", "end$"], config.Programs[0].Args);
    }

    [Fact]
    public void Typed_values_may_come_from_variables()
    {
        var environment = new Dictionary<string, string> { ["START"] = "30", ["AUTO"] = "false" };

        var config = _fixture.LoadValid(
            "programs:\n  bot: { command: bot, start_secs: \"${START}\", autostart: \"${AUTO}\", stop_timeout: "
                + "\"${STOP:-5s}\" }\n",
            environment
        );

        Assert.Equal(TimeSpan.FromSeconds(30), config.Programs[0].StartSecs);
        Assert.False(config.Programs[0].Autostart);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Programs[0].StopTimeout);
    }

    [Fact]
    public void Keys_are_not_expanded()
    {
        var errors = _fixture.LoadInvalid("programs:\n  bot:\n    command: bot\n    env: { \"${NAME}\": value }\n");

        ConfigAssert.Single(
            errors,
            4,
            12,
            "programs.bot.env.${NAME}",
            "'${NAME}' is not a valid environment variable name"
        );
    }

    [Fact]
    public void Env_file_supplies_variables_and_the_process_environment_wins()
    {
        _fixture.Write(
            "config/.env",
            """
            # comment line

            export FROM_FILE=file-value
            BOTH=from-file
            DOUBLE="quoted # not a comment"
            SINGLE='single quoted'
            INLINE=value # trailing comment
            SPACED = padded
            HASH=a#b
            """
        );
        var environment = new Dictionary<string, string> { ["BOTH"] = "from-process" };

        var config = _fixture.LoadValid(
            """
            programs:
              bot:
                command: bot
                args: ["${FROM_FILE}", "${BOTH}", "${DOUBLE}", "${SINGLE}", "${INLINE}", "${SPACED}", "${HASH}"]
            """,
            environment
        );

        Assert.Equal(
            ["file-value", "from-process", "quoted # not a comment", "single quoted", "value", "padded", "a#b"],
            config.Programs[0].Args
        );
    }

    [Fact]
    public void Env_file_at_a_configured_path_is_read_and_a_missing_one_is_fine()
    {
        _fixture.Write("secrets/bots.env", "TF=15m\n");

        var withFile = _fixture.LoadValid(
            "supervisor:\n  env_file: secrets/bots.env\nprograms:\n  bot: { command: bot, args: [\"${TF}\"] }\n"
        );
        var missing = _fixture.LoadValid(
            "supervisor:\n  env_file: nowhere/.env\nprograms:\n  bot: { command: bot, args: [\"${TF:-1m}\"] }\n"
        );

        Assert.Equal(["15m"], withFile.Programs[0].Args);
        Assert.Equal(["1m"], missing.Programs[0].Args);
    }

    [Fact]
    public void Env_file_lines_that_are_not_assignments_are_reported_without_their_text()
    {
        var envPath = _fixture.Write(
            "config/.env",
            $"GOOD=1\nthis line has {SecretValue}\n1BAD=x\nOPEN=\"unterminated\n"
        );

        var errors = _fixture.LoadInvalid("programs: {}\n");

        Assert.Equal([2, 3, 4], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal(envPath, e.File));
        Assert.All(errors, e => Assert.DoesNotContain(SecretValue, e.ToString(), StringComparison.Ordinal));
        Assert.Contains("expected KEY=VALUE", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("OPEN", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_variable_is_an_error_naming_it_at_the_scalar()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              bot:
                command: bot
                env:
                  TOKEN: "prefix-${MISSING_TOKEN}"
            """
        );

        var error = ConfigAssert.Single(errors, 5, 14, "programs.bot.env.TOKEN", "variable 'MISSING_TOKEN' is not set");
        Assert.Contains("${MISSING_TOKEN:-default}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unset_variable_in_a_scalar_is_reported()
    {
        var errors = _fixture.LoadInvalid("programs:\n  bot: { command: \"${A}/${B}\" }\n");

        Assert.Equal(2, errors.Count);
        Assert.Contains("'A'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'B'", errors[1].Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Equal((2, 19, "programs.bot.command"), (e.Line, e.Column, e.YamlPath)));
    }

    [Fact]
    public void Malformed_references_are_errors()
    {
        var errors = _fixture.LoadInvalid(
            "programs:\n  bot: { command: bot, args: [\"${OPEN\", \"${9X}\", \"${}\"] }\n"
        );

        Assert.Equal(3, errors.Count);
        Assert.Contains("without a closing", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'${9X}' is not a valid variable reference", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal("programs.bot.args[2]", errors[2].YamlPath);
    }

    [Fact]
    public void Errors_never_show_expanded_values()
    {
        _fixture.Write("config/.env", $"FILE_SECRET={SecretValue}-file\n");
        var environment = new Dictionary<string, string> { ["BOT_TOKEN"] = SecretValue };

        var errors = _fixture.LoadInvalid(
            """
            defaults:
              start_secs: ${BOT_TOKEN}
              autostart: ${BOT_TOKEN}
              stop_signal: ${FILE_SECRET}
              logs: { max_size: "${BOT_TOKEN}", stderr: "${FILE_SECRET}" }
              give_up: { restarts: "${BOT_TOKEN}" }
            programs:
              "${BOT_TOKEN}":
                command: "${BOT_TOKEN}"
                restart: "x${FILE_SECRET}"
              other:
                command: other
                depends_on: ["${BOT_TOKEN}", "${FILE_SECRET}"]
            """,
            environment
        );

        Assert.Equal(10, errors.Count);
        Assert.All(errors, e => Assert.DoesNotContain("super-secret", e.ToString(), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("'${BOT_TOKEN}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_are_the_values_of_referenced_secret_looking_variables()
    {
        _fixture.Write("config/.env", "DB_PASSWORD=file-password\nSHORT_TOKEN=abc\nUNUSED_SECRET=never-referenced\n");
        var environment = new Dictionary<string, string>
        {
            ["TELEGRAM_BOT_TOKEN"] = "123456:telegram",
            ["binance_api_key"] = "api-key-value",
            ["MY_SECRET_PASSPHRASE"] = "passphrase-value",
            ["CLIENT_SECRET"] = "client-secret",
            ["SYMBOL"] = "BTCUSDT-long-enough",
            ["EMPTY_TOKEN"] = string.Empty,
        };

        var config = _fixture.LoadValid(
            """
            programs:
              bot:
                command: bot
                args: ["${SYMBOL}", "${SHORT_TOKEN}", "${EMPTY_TOKEN}", "${TELEGRAM_BOT_TOKEN}"]
                env:
                  A: ${TELEGRAM_BOT_TOKEN}
                  B: ${binance_api_key}
                  C: ${MY_SECRET_PASSPHRASE}
                  D: ${CLIENT_SECRET}
                  E: ${DB_PASSWORD}
                  F: ${MISSING_TOKEN:-default-token}
            """,
            environment
        );

        Assert.Equal(
            ["123456:telegram", "api-key-value", "passphrase-value", "client-secret", "file-password"],
            config.Secrets
        );
    }

    [Fact]
    public void Env_file_parser_reports_line_numbers()
    {
        var lines = new List<int>();

        var variables = EnvFile.Parse("A=1\r\n\r\nnot valid\nexport B='2'\n=3\n", (line, _) => lines.Add(line));

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, variables);
        Assert.Equal([3, 5], lines);
    }
}
