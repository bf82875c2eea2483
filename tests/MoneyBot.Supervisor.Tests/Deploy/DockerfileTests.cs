using System.Xml.Linq;

namespace MoneyBot.Supervisor.Tests.Deploy;

/// <summary>
/// What can be checked of the image without building it (there is no container engine here): the Dockerfile
/// against the repository, the <c>moneybot</c> script that publishes the executables, the shipped configs and
/// <c>.dockerignore</c>. The linters are in <see cref="DockerfileLintTests"/>.
/// </summary>
public sealed class DockerfileTests
{
    /// <summary>Where the image keeps everything; the Kubernetes export relies on these paths.</summary>
    private const string App = "/app";

    private readonly DockerfileText _dockerfile = DockerfileText.Shipped();
    private readonly MoneyBotScript _script = MoneyBotScript.Shipped();
    private readonly DockerIgnore _ignore = DockerIgnore.Shipped();

    [Fact]
    public void Every_path_a_COPY_takes_from_the_build_context_exists_and_is_not_ignored()
    {
        var problems = new List<string>();
        foreach (var (stage, copy) in ContextCopies())
        {
            foreach (var source in copy.Operands.SkipLast(1))
            {
                var path = Path.Combine(RepositoryLayout.Root, source);
                if (source.Contains('*', StringComparison.Ordinal) || source.Contains('?', StringComparison.Ordinal))
                {
                    problems.Add($"{copy}: '{source}' is a wildcard; name the files (the tests check each)");
                }
                else if (!File.Exists(path) && !Directory.Exists(path))
                {
                    problems.Add(
                        $"{copy} (stage {stage.Name ?? "final"}): '{source}' does not exist in the repository"
                    );
                }
                else if (_ignore.ExcludedBy(source) is { } pattern)
                {
                    problems.Add($"{copy}: '{source}' is kept out of the build context by '{pattern}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("config/.env")]
    [InlineData("config/prod/.env")]
    [InlineData("supervisor/bin/Release/net10.0/moneybot")]
    [InlineData("bots/MoneyBot.ExtGap/obj/project.assets.json")]
    [InlineData(".build/moneybot/moneybot")]
    [InlineData("data/extgap-3m/trades.csv")]
    [InlineData("logs/supervisor.log")]
    [InlineData("run/control.sock")]
    [InlineData("artifacts/screenshots/a.png")]
    [InlineData(".git/HEAD")]
    [InlineData(".tools/node_modules/.bin/dockerfilelint")]
    public void The_dockerignore_keeps_secrets_build_outputs_and_run_time_files_out(string path) =>
        Assert.True(_ignore.ExcludedBy(path) is not null, $"{path} would be sent in the build context");

    [Theory]
    [InlineData("config/.env.example")]
    [InlineData("config/moneybot.yaml")]
    [InlineData("dashboard/MoneyBot.Dashboard/wwwroot/index.html")]
    [InlineData("bots/MoneyBot.ExtGap/Program.cs")]
    public void The_dockerignore_sends_what_the_build_needs(string path) => Assert.Null(_ignore.ExcludedBy(path));

    [Fact]
    public void No_instruction_names_the_env_file()
    {
        var offending = _dockerfile
            .Stages.SelectMany(s => s.Instructions)
            .Where(i => i.Words.Any(w => w.TrimEnd('/').EndsWith(".env", StringComparison.Ordinal)))
            .ToList();

        Assert.True(offending.Count == 0, "secrets must not enter the image:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void The_build_stage_publishes_with_the_moneybot_script_so_every_executable_it_builds_is_in_the_image()
    {
        var build = BuildStage();

        // The script is the one list of executables, projects and publish flags; the Dockerfile runs it.
        Assert.Contains(build.All("COPY"), c => c.Flag("from") is null && c.Operands.SkipLast(1).Contains("moneybot"));
        Assert.Contains(build.All("RUN"), r => r.Arguments.StartsWith("./moneybot ", StringComparison.Ordinal));
        Assert.All(_script.Modes, mode => Assert.Equal("aot", mode.Value));
        Assert.Equal(
            _script.Projects.Keys.Order(StringComparer.Ordinal),
            _script.Modes.Keys.Order(StringComparer.Ordinal)
        );
        var copied = ContextCopies().Where(c => c.Stage == build).SelectMany(c => c.Copy.Operands.SkipLast(1)).ToList();
        foreach (var (name, project) in _script.Projects)
        {
            Assert.True(
                copied.Any(source => Covers(source, project)),
                $"the build stage copies no folder with {project} ({name})"
            );
        }

        // What it builds lands in /app/.build/<name>/<name>.
        Assert.Contains(_dockerfile.Final.All("COPY"), c =>
            c.Flag("from") == build.Name
            && c.Operands.SequenceEqual(new[] { $"{build.WorkDir}/.build/", $"{App}/.build/" })
        );
    }

    [Fact]
    public void The_restore_layer_covers_every_published_project_and_what_it_references_with_the_same_options()
    {
        var build = BuildStage();
        var restore = build
            .All("RUN")
            .FirstOrDefault(r => r.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.NotNull(restore);
        var before = build.Instructions.TakeWhile(i => i != restore).Where(i => i.Keyword == "COPY").ToList();
        var copied = before.SelectMany(c => c.Operands.SkipLast(1)).ToHashSet(StringComparer.Ordinal);

        var missing = _script.Projects.Values.SelectMany(WithReferences).Distinct().Where(p => !copied.Contains(p));
        Assert.Empty(missing);
        Assert.All(["global.json", "Directory.Build.props", "Directory.Packages.props"], file =>
            Assert.Contains(file, copied)
        );

        // The script publishes for linux-x64 with Native AOT: the restore asks for the same runtime packs.
        Assert.Contains("-r linux-x64", _script.PublishCommand, StringComparison.Ordinal);
        Assert.Contains("options=(-p:PublishAot=true)", _script.Text, StringComparison.Ordinal);
        Assert.Contains("-r linux-x64 -p:PublishAot=true", restore.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_executable_the_script_publishes_is_named_as_its_folder()
    {
        // ./moneybot and the configs expect .build/<name>/<name>: the project's AssemblyName must be the name.
        foreach (var (name, project) in _script.Projects)
        {
            var assemblyName = XDocument
                .Load(Path.Combine(RepositoryLayout.Root, project))
                .Descendants("AssemblyName")
                .Select(e => e.Value)
                .LastOrDefault();
            Assert.Equal(name, assemblyName);
        }
    }

    [Theory]
    [InlineData("moneybot.yaml")]
    [InlineData("live.yaml")]
    public void Every_command_of_a_shipped_config_is_an_executable_in_the_image(string config)
    {
        Assert.Equal(App, _dockerfile.Final.WorkDir);
        Assert.Contains(_dockerfile.Final.All("COPY"), c =>
            c.Flag("from") is null && c.Operands.SkipLast(1).Contains($"config/{config}")
        );
        var loaded = Export.SystemdExport.Load(Export.SystemdExport.Shipped(config), path: $"{App}/config/{config}");
        var inImage = _script.Projects.Keys.Select(name => $"{App}/.build/{name}/{name}").ToHashSet();

        var missing = loaded.Programs.Where(p => !inImage.Contains(p.Command)).Select(p => $"{p.Name}: {p.Command}");

        Assert.Empty(missing);
    }

    [Fact]
    public void The_image_runs_as_a_user_other_than_root()
    {
        var user = _dockerfile.Final.User;

        Assert.NotNull(user);
        Assert.False(user.Split(':')[0] is "root" or "0" or "", $"USER {user} is root");
        Assert.True(
            user is "$APP_UID" or "${APP_UID}" or "app" || (int.TryParse(user, out var uid) && uid > 0),
            $"USER {user}: use the .NET image's non-root user, $APP_UID"
        );
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0-", _dockerfile.Final.BaseImage);
    }

    [Fact]
    public void The_image_keeps_the_paths_the_kubernetes_export_and_the_docs_rely_on()
    {
        var final = _dockerfile.Final;
        string[] moneybot = [$"{App}/.build/moneybot/moneybot"];

        Assert.Equal(App, final.WorkDir);
        Assert.Contains(final.All("VOLUME"), v => v.Arguments.Contains($"\"{App}/data\"", StringComparison.Ordinal));
        Assert.Contains(final.All("RUN"), r =>
            r.Arguments.Contains(
                $"install -d -o \"$APP_UID\" -g \"$APP_UID\" -m 0750 {App}/data {App}/logs {App}/run",
                StringComparison.Ordinal
            )
        );
        Assert.Equal($"[\"{moneybot[0]}\"]", final.All("ENTRYPOINT").Single().Arguments);
        Assert.Equal("[\"daemon\"]", final.All("CMD").Single().Arguments);
        Assert.EndsWith($"CMD [\"{moneybot[0]}\", \"health\"]", final.All("HEALTHCHECK").Single().Arguments);
        var environment = string.Join(' ', final.All("ENV").Select(e => e.Arguments));
        Assert.Contains($"MONEYBOT_ROOT={App}", environment, StringComparison.Ordinal);
        Assert.Contains("DOTNET_GCgen0size=0x200000", environment, StringComparison.Ordinal);
    }

    [Fact]
    public void The_base_images_are_pinned_to_NET_10_on_one_distro()
    {
        var tags = _dockerfile.Stages.Select(s => s.BaseImage.Split(':')).ToList();

        Assert.All(tags, t => Assert.Equal(2, t.Length));
        Assert.All(tags, t => Assert.StartsWith("10.0-noble", t[1], StringComparison.Ordinal));
    }

    private DockerStage BuildStage() =>
        _dockerfile.Stages.Count == 2
            ? _dockerfile.Stages[0]
            : throw new Xunit.Sdk.XunitException("expected two stages: the build and the image");

    /// <summary>Every COPY that takes from the build context (not from a stage), with its stage.</summary>
    private IEnumerable<(DockerStage Stage, DockerInstruction Copy)> ContextCopies() =>
        _dockerfile.Stages.SelectMany(s => s.All("COPY").Where(c => c.Flag("from") is null).Select(c => (s, c)));

    /// <summary>Whether copying <paramref name="source"/> brings <paramref name="file"/> along.</summary>
    private static bool Covers(string source, string file) =>
        source == file || (source.EndsWith('/') && file.StartsWith(source, StringComparison.Ordinal));

    /// <summary><paramref name="project"/> and every project it references, directly or not, root-relative.</summary>
    private static IEnumerable<string> WithReferences(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Path.Combine(RepositoryLayout.Root, current))!;
            foreach (
                var reference in XDocument
                    .Load(Path.Combine(RepositoryLayout.Root, current))
                    .Descendants("ProjectReference")
            )
            {
                var full = Path.GetFullPath(
                    Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/'))
                );
                pending.Push(Path.GetRelativePath(RepositoryLayout.Root, full));
            }
        }

        return seen;
    }
}
