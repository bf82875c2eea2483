namespace MoneyBot.Bots.Tests.Infrastructure;

/// <summary>The bots' executables as built beside this test build (<c>bots/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;tfm&gt;/</c>).</summary>
internal static class BotExecutable
{
    /// <summary>The path of <paramref name="name"/> built by <c>bots/<paramref name="project"/></c>; fails the test when it is missing.</summary>
    public static string Path(string project, string name)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "MoneyBot.Supervisor.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var path = System.IO.Path.Combine(root.FullName, "bots", project, "bin", configuration, framework, name);
        Assert.True(File.Exists(path), $"{path} is missing: build bots/{project}");
        return path;
    }
}
