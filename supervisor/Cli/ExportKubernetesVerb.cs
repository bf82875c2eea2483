using MoneyBot.Supervisor.Export;

namespace MoneyBot.Supervisor.Cli;

/// <summary>
/// <c>export kubernetes [--out DIR] [--namespace NS] [--image IMAGE] [--prefix P]</c>: writes the configuration as
/// Kubernetes manifests (<see cref="KubernetesManifests"/>), one line per file written; <c>--out -</c> prints them.
/// Never overwrites a file it did not generate. Exit 0; 1 when a file is in the way or cannot be written; 2 for a
/// configuration error.
/// </summary>
internal static class ExportKubernetesVerb
{
    /// <summary>Where the manifests go unless <c>--out</c> says otherwise (under the current directory).</summary>
    public const string DefaultOut = "kubernetes";

    public static int Run(CliContext cli, string? outDir, KubernetesExportOptions options)
    {
        if (cli.LoadConfig() is not { } config)
        {
            return ExitCodes.Usage;
        }

        IReadOnlyList<ExportedFile> files;
        try
        {
            files = KubernetesManifests.Export(config, options);
        }
        catch (InvalidOperationException e)
        {
            cli.Error.WriteLine($"{config.SourcePath}: {e.Message}");
            return ExitCodes.Usage;
        }

        var (exitCode, directory) = ExportWriter.Write(
            cli,
            outDir,
            DefaultOut,
            files,
            KubernetesManifests.FileMarker,
            "moneybot export kubernetes",
            name =>
                KubernetesManifests.ProgramOfFile(name) is { } program
                    ? "its objects stay in the cluster until: kubectl delete deployment,service -l "
                        + $"app.kubernetes.io/part-of={KubernetesManifests.PartOfName(options)},"
                        + $"app.kubernetes.io/name={program}"
                        + (options.Namespace is { } ns ? " -n " + ns : "")
                    : null
        );
        if (exitCode != ExitCodes.Success || directory is null)
        {
            return exitCode;
        }

        var ns = options.Namespace is { } name ? " -n " + name : "";
        cli.Output.WriteLine(
            $"install: docker build -t {options.Image} . && kubectl create secret generic "
                + $"{KubernetesManifests.SecretName(options)} --from-env-file=config/.env{ns} && kubectl apply -f "
                + directory
        );
        return ExitCodes.Success;
    }
}
