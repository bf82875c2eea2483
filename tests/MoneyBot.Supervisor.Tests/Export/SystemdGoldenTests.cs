using MoneyBot.Supervisor.Export;
using MoneyBot.TestSupport;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>
/// The shipped configs exported, compared with golden files in <c>Fixtures/</c>. To accept a change on purpose:
/// <c>MONEYBOT_UPDATE_GOLDEN=1 dotnet test --filter SystemdGoldenTests</c>, then review the diff.
/// </summary>
public sealed class SystemdGoldenTests
{
    [Theory]
    [InlineData("moneybot.yaml", false, false, "moneybot.units")]
    [InlineData("live.yaml", false, false, "live.units")]
    [InlineData("live.yaml", true, true, "live.user-journal.units")]
    public void A_shipped_config_exports_as_its_golden_file(string config, bool user, bool journal, string golden)
    {
        var loaded = SystemdExport.Load(
            SystemdExport.Shipped(config),
            path: Path.Combine(SystemdExport.ConfigDirectory, config)
        );

        var text = SystemdExport.AllText(SystemdUnits.Export(loaded, new SystemdExportOptions(user, journal)));

        var path = SourceFixture.PathOf(golden);
        if (Environment.GetEnvironmentVariable("MONEYBOT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, text);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the test with MONEYBOT_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(path), text);
    }
}
