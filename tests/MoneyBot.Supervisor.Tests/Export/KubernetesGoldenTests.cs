using MoneyBot.Supervisor.Export;
using MoneyBot.TestSupport;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>
/// The shipped configs exported to Kubernetes, compared with golden files in <c>Fixtures/</c>. To accept a change on
/// purpose: <c>MONEYBOT_UPDATE_GOLDEN=1 dotnet test --filter KubernetesGoldenTests</c>, then review the diff.
/// </summary>
public sealed class KubernetesGoldenTests
{
    [Theory]
    [InlineData("moneybot.yaml", null, null, "moneybot.manifests")]
    [InlineData("live.yaml", null, null, "live.manifests")]
    [InlineData("live.yaml", "bots", "registry.example.com/moneybot:1.0", "live.bots.manifests")]
    public void A_shipped_config_exports_as_its_golden_file(string config, string? ns, string? image, string golden)
    {
        var loaded = SystemdExport.Load(
            SystemdExport.Shipped(config),
            path: Path.Combine(SystemdExport.ConfigDirectory, config)
        );
        var options = new KubernetesExportOptions(ns, image ?? KubernetesExportOptions.DefaultImage);

        var text = KubernetesExport.AllText(KubernetesManifests.Export(loaded, options));

        var path = SourceFixture.PathOf(golden);
        if (Environment.GetEnvironmentVariable("MONEYBOT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, text);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the test with MONEYBOT_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(path), text);
    }
}
