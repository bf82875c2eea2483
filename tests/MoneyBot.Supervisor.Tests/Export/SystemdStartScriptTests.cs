using MoneyBot.Supervisor.Export;
using MoneyBot.TestSupport.Processes;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>
/// The <c>ExecStart=</c> written for env values made from variables, read back as systemd would and run: the program
/// gets its variables under its own names, and not the other variables the YAML refers to.
/// </summary>
public sealed class SystemdStartScriptTests
{
    private const string Yaml = """
        programs:
          a:
            command: /usr/bin/env
            env:
              TELEGRAM_BOT_TOKEN: "${TOKEN_A:-}"
              GREETING: "50% $$HOME ${NAME:-nobody}'s \"bot\""
              PLAIN: "kept"
          b:
            command: /bin/true
            env: { TELEGRAM_BOT_TOKEN: "${TOKEN_B:-}" }
        """;

    [Fact(Timeout = 60_000)]
    public async Task The_program_gets_its_variables_under_its_own_names_and_not_the_others()
    {
        var config = SystemdExport.Load(Yaml);
        var words = SystemdCommandLine.Words(SystemdExport.Unit(SystemdUnits.Export(config), "moneybot-a.service"));

        var outcome = await ChildCommand.RunAsync(
            words[0],
            words.Skip(1),
            new Dictionary<string, string?>
            {
                ["TOKEN_A"] = "123456:ABC-placeholder-a",
                ["TOKEN_B"] = "123456:ABC-placeholder-b",
                ["NAME"] = "ann",
            }
        );

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var environment = outcome.Output.Split('\n');
        Assert.Contains("TELEGRAM_BOT_TOKEN=123456:ABC-placeholder-a", environment);
        Assert.Contains("GREETING=50% $HOME ann's \"bot\"", environment);
        Assert.DoesNotContain(environment, line => line.StartsWith("TOKEN_", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, line => line.StartsWith("NAME=", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_default_applies_when_the_variable_is_unset()
    {
        var config = SystemdExport.Load(Yaml);
        var words = SystemdCommandLine.Words(SystemdExport.Unit(SystemdUnits.Export(config), "moneybot-a.service"));

        var outcome = await ChildCommand.RunAsync(
            words[0],
            words.Skip(1),
            new Dictionary<string, string?> { ["TOKEN_A"] = null, ["NAME"] = null }
        );

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("TELEGRAM_BOT_TOKEN=", outcome.Output.Split('\n'));
        Assert.Contains("GREETING=50% $HOME nobody's \"bot\"", outcome.Output.Split('\n'));
    }
}
