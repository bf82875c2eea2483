using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Cli;

public sealed class ExportKubernetesVerbTests : IDisposable
{
    private const string Yaml =
        "programs:\n  a: { command: /bin/true }\n  b: { command: /bin/true, depends_on: [a] }\n";

    private readonly Sandbox _sandbox = new();

    [Fact(Timeout = 60_000)]
    public async Task Export_writes_the_claim_the_settings_and_a_file_per_program_and_how_to_install_them()
    {
        var config = _sandbox.WriteConfig(Yaml);
        var outDir = _sandbox.Combine("k8s");

        var result = await CliRunner.RunAsync("export", "kubernetes", "-c", config, "--out", outDir, "-n", "bots");

        Assert.Equal(0, result.ExitCode);
        string[] names = ["data.yaml", "program-a.yaml", "program-b.yaml", "settings.yaml"];
        Assert.Equal(names, Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains(
            "install: docker build -t moneybot:latest . && kubectl create secret generic moneybot-env "
                + $"--from-env-file=config/.env -n bots && kubectl apply -f {outDir}",
            result.Output,
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_removed_from_the_config_loses_its_file_and_the_output_says_how_to_delete_its_objects()
    {
        var outDir = _sandbox.Combine("k8s");
        var before = _sandbox.WriteConfig(Yaml);
        Assert.Equal(0, (await CliRunner.RunAsync("export", "kubernetes", "-c", before, "--out", outDir)).ExitCode);
        var notes = Path.Combine(outDir, "notes.yaml");
        await File.WriteAllTextAsync(notes, "# mine\n");
        var after = _sandbox.WriteConfig("programs:\n  a: { command: /bin/true }\n");

        var result = await CliRunner.RunAsync("export", "kubernetes", "-c", after, "--out", outDir);

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(outDir, "program-b.yaml")));
        Assert.Contains(
            $"removed {Path.Combine(outDir, "program-b.yaml")}: no longer in the configuration; its objects stay in "
                + "the cluster until: kubectl delete deployment,service -l "
                + "app.kubernetes.io/part-of=moneybot,app.kubernetes.io/name=b",
            result.Output,
            StringComparison.Ordinal
        );
        Assert.Equal("# mine\n", await File.ReadAllTextAsync(notes));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_it_did_not_write_is_never_replaced()
    {
        var config = _sandbox.WriteConfig(Yaml);
        var outDir = Directory.CreateDirectory(_sandbox.Combine("k8s")).FullName;
        var mine = Path.Combine(outDir, "program-a.yaml");
        await File.WriteAllTextAsync(mine, "kind: Mine\n");

        var result = await CliRunner.RunAsync("export", "kubernetes", "-c", config, "--out", outDir);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{mine}: exists and was not generated", result.Error, StringComparison.Ordinal);
        Assert.Equal(["program-a.yaml"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_name_Kubernetes_cannot_use_exits_2_naming_it()
    {
        var config = _sandbox.WriteConfig("programs:\n  My_Bot: { command: /bin/true }\n");

        var result = await CliRunner.RunAsync("export", "kubernetes", "-c", config, "--out", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "programs.My_Bot: 'My_Bot' cannot name a Kubernetes object",
            result.Error,
            StringComparison.Ordinal
        );
    }

    public void Dispose() => _sandbox.Dispose();
}
