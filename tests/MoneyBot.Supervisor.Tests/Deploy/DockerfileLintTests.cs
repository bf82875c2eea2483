using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Tests.Deploy;

/// <summary>
/// The Dockerfile is linted, since no container engine is at hand to build it: hadolint is in neither Debian nor npm
/// (the npm package of that name downloads the binary at run time), so two linters from npm, which .ci/run installs
/// into <c>.tools/</c>: dockerfilelint (best practices) and dockerfile-utils (the Docker language service's validator
/// of instructions, flags and arguments). Each is also shown failing on a bad Dockerfile, so a pass means something.
/// </summary>
public sealed partial class DockerfileLintTests : IDisposable
{
    private const string Install =
        "npm install --prefix .tools dockerfilelint@1.8.0 dockerfile-utils@0.16.3 (.ci/run does this)";

    private const string BadDockerfile = """
        FROM ubuntu
        RUN sudo apt-get update && apt-get install curl
        COPY --frm=build /src /app
        HEALTHCHECK --intervall=5s CMD true
        EXPOSE 99999
        """;

    private readonly TempDirectory _work = new("mb-dockerlint-");

    [Fact(Timeout = 120_000)]
    public async Task The_Dockerfile_passes_dockerfilelint()
    {
        // dockerfilelint 1.8.0 reads HEALTHCHECK's --start-period as an unknown "--start" (its option pattern, --\w+,
        // stops at the dash) although Docker has had it since 17.05; only that option is taken out of the copy it
        // lints. dockerfile-utils, below, checks the HEALTHCHECK line as written.
        var text = await File.ReadAllTextAsync(DockerfileText.ShippedPath);
        var linted = _work.File("Dockerfile");
        await File.WriteAllTextAsync(linted, StartPeriod().Replace(text, ""));

        var outcome = await ChildCommand.RunAsync(Tool("dockerfilelint"), [linted]);

        Assert.True(outcome.ExitCode == 0, $"dockerfilelint found problems in the Dockerfile:\n{outcome.Output}");
    }

    [Fact(Timeout = 120_000)]
    public async Task Dockerfilelint_fails_on_a_bad_Dockerfile()
    {
        var outcome = await LintBadAsync("dockerfilelint", ["-j"]);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("Use Of sudo Is Not Allowed", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("Base Image Missing Tag", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("--no-install-recommends", outcome.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_Dockerfile_passes_dockerfile_utils_lint_without_a_warning()
    {
        var outcome = await ChildCommand.RunAsync(Tool("dockerfile-utils"), ["lint", DockerfileText.ShippedPath]);

        Assert.True(
            outcome.ExitCode == 0 && outcome.Output.Trim().Length == 0,
            $"dockerfile-utils lint (exit {outcome.ExitCode}) on the Dockerfile:\n{outcome.Output}{outcome.Error}"
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task Dockerfile_utils_fails_on_a_bad_Dockerfile()
    {
        var outcome = await LintBadAsync("dockerfile-utils", ["lint"]);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("Unknown flag: frm", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("Unknown flag: intervall", outcome.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();

    private async Task<CommandOutcome> LintBadAsync(string tool, string[] options)
    {
        var bad = _work.File("Dockerfile.bad");
        await File.WriteAllTextAsync(bad, BadDockerfile + "\n");
        return await ChildCommand.RunAsync(Tool(tool), [.. options, bad]);
    }

    /// <summary>
    /// The linter <paramref name="name"/> in <c>.tools/</c>; fails, saying how to install it, when absent.
    /// </summary>
    private static string Tool(string name)
    {
        var path = Path.Combine(RepositoryLayout.Root, ".tools", "node_modules", ".bin", name);
        Assert.True(File.Exists(path), $"the Dockerfile linter {name} is missing ({path}); install it: {Install}");
        return path;
    }

    [GeneratedRegex(@"--start-period=\S+\s+")]
    private static partial Regex StartPeriod();
}
