namespace MoneyBot.TestSupport;

/// <summary>Where the repository and the executables built beside this test build are.</summary>
public static class RepositoryLayout
{
    /// <summary>The folder that holds <c>MoneyBot.Supervisor.sln</c>, found upwards from the test build.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The path of <paramref name="name"/> built by the project in <paramref name="projectDirectory"/> (relative to the
    /// root, e.g. <c>bots/MoneyBot.ExtGap</c>) in the same configuration and framework as the tests; throws when it
    /// has not been built.
    /// </summary>
    public static string Executable(string projectDirectory, string name)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var path = Path.Combine(Root, projectDirectory, "bin", configuration, framework, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build {projectDirectory} ({configuration})", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoneyBot.Supervisor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no MoneyBot.Supervisor.sln above {AppContext.BaseDirectory}");
    }
}
