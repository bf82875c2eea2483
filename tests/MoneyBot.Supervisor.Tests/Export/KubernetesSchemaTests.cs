using MoneyBot.Supervisor.Export;
using MoneyBot.TestSupport;
using MoneyBot.TestSupport.Processes;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>
/// Every exported manifest passes <c>tests/tools/kubernetes-schema/validate.mjs</c>: the Kubernetes API schema
/// (kubernetes-models, compiled from the API's OpenAPI schema) and a strict round-trip through
/// @kubernetes/client-node's models that reports any field the API does not define. <c>.ci/run</c> installs the
/// checker (<c>npm ci</c>); a broken manifest shows the check can fail.
/// </summary>
public sealed class KubernetesSchemaTests : IDisposable
{
    private static readonly string Checker = Path.Combine(RepositoryLayout.Root, "tests", "tools", "kubernetes-schema");

    private readonly TempDirectory _sandbox = new("mb-k8s-");

    /// <summary>A config that uses every mapped setting the shipped ones leave out.</summary>
    internal const string EverySetting = """
        supervisor: { env_file: config/.env }
        defaults: { resources: { memory: 1.5GB, cpu: 2 } }
        programs:
          feed:
            command: /usr/local/bin/feed
            args: [--listen, "[::1]:7000", --other, "localhost:7001"]
            env: { MODE: "paper: yes", URL: "https://x/$(not)/y" }
            ready: start_secs
            start_secs: 5s
            stop_signal: INT
            stop_timeout: 2m
            resources: { cpu: 250m }
          bot:
            command: bin/bot
            cwd: work
            args: [--feed, "http://[::1]:7000/ws"]
            env:
              TOKEN: "${BOT_TOKEN}"
              HEADER: "Bearer ${BOT_TOKEN} for ${BOT_USER:-anon}"
            depends_on: [feed]
            autostart: false
            restart: on-failure
            watchdog: 45s
            group: bots
        """;

    [Theory(Timeout = 120_000)]
    [InlineData("moneybot.yaml", null)]
    [InlineData("live.yaml", null)]
    [InlineData("live.yaml", "bots")]
    [InlineData(null, "bots")]
    public async Task Every_exported_manifest_passes_the_Kubernetes_schema_strictly(string? config, string? ns)
    {
        var loaded = config is null
            ? SystemdExport.Load(EverySetting, new Dictionary<string, string> { ["BOT_TOKEN"] = "123:secret" })
            : SystemdExport.Load(SystemdExport.Shipped(config), path: _sandbox.File("config/" + config));
        var files = KubernetesManifests.Export(loaded, new KubernetesExportOptions(ns));

        var outcome = await CheckAsync(files);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains(", 0 problems", outcome.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_manifest_with_an_unknown_field_or_a_wrong_type_fails_the_check()
    {
        var good = KubernetesManifests.Export(SystemdExport.Load(SystemdExport.Shipped("moneybot.yaml")));
        var deployment = good.Single(f => f.FileName == "program-extgap-3m.yaml");
        var broken = deployment
            .Text.Replace(
                "        imagePullPolicy: IfNotPresent\n        workingDir",
                "        imagePullPolicy: IfNotPresent\n        imagePullPolcy: Never\n        workingDir",
                StringComparison.Ordinal
            )
            .Replace("periodSeconds: 2\n", "periodSeconds: two\n", StringComparison.Ordinal);
        Assert.NotEqual(deployment.Text, broken);

        var outcome = await CheckAsync([deployment with { Text = broken }]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(
            "containers[0].imagePullPolcy: not a field of the Kubernetes API",
            outcome.Output,
            StringComparison.Ordinal
        );
        Assert.Contains("startupProbe/periodSeconds must be integer", outcome.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();

    private async Task<CommandOutcome> CheckAsync(IReadOnlyList<ExportedFile> files)
    {
        Assert.True(
            Directory.Exists(Path.Combine(Checker, "node_modules")),
            $"the Kubernetes schema checker is not installed: run 'npm ci' in {Checker} (.ci/run does; needs Node.js)"
        );
        var directory = Directory.CreateDirectory(_sandbox.File("manifests")).FullName;
        foreach (var file in files)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, file.FileName), file.Text);
        }

        return await ChildCommand.RunAsync(
            "node",
            [Path.Combine(Checker, "validate.mjs"), .. files.Select(f => Path.Combine(directory, f.FileName))]
        );
    }
}
