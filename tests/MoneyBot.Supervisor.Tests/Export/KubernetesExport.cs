using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Export;
using YamlDotNet.RepresentationModel;
using YamlNode = YamlDotNet.RepresentationModel.YamlNode;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>Exports a configuration to Kubernetes and reads the manifests back, for the export tests.</summary>
internal static class KubernetesExport
{
    /// <summary>Every file as <c>export kubernetes --out -</c> prints them.</summary>
    public static string AllText(IReadOnlyList<ExportedFile> files) =>
        string.Concat(files.Select(f => $"# file: {f.FileName}\n{f.Text}\n"));

    /// <summary>The YAML documents of every file, read back.</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(IReadOnlyList<ExportedFile> files)
    {
        var documents = new List<YamlMappingNode>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(file.Text));
            documents.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }

        return documents;
    }

    public static IReadOnlyList<YamlMappingNode> Export(
        SupervisorConfig config,
        KubernetesExportOptions? options = null
    ) => Documents(KubernetesManifests.Export(config, options));

    /// <summary>The object of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public static YamlMappingNode Find(IReadOnlyList<YamlMappingNode> documents, string kind, string name) =>
        documents.SingleOrDefault(d => Text(d, "kind") == kind && Text(d, "metadata.name") == name)
        ?? throw new Xunit.Sdk.XunitException($"no {kind} {name}");

    /// <summary>The node at a dotted path (<c>spec.template.spec.containers.0.name</c>); null when absent.</summary>
    public static YamlNode? At(YamlNode node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            node = node switch
            {
                YamlMappingNode map => map.Children.TryGetValue(new YamlScalarNode(step), out var next) ? next : null!,
                YamlSequenceNode list when int.TryParse(step, out var i) && i < list.Children.Count => list.Children[i],
                _ => null!,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static string? Text(YamlNode node, string path) => (At(node, path) as YamlScalarNode)?.Value;

    /// <summary>The value of <paramref name="key"/> (dots and all) in the mapping at <paramref name="path"/>.</summary>
    public static string? Value(YamlNode node, string path, string key) =>
        At(node, path) is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? ((YamlScalarNode)value).Value
            : null;

    /// <summary>The scalar items of the sequence at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Items(YamlNode node, string path) =>
        At(node, path) is YamlSequenceNode list ? [.. list.Children.Select(c => ((YamlScalarNode)c).Value!)] : [];

    /// <summary>The Deployment's one container.</summary>
    public static YamlNode Container(IReadOnlyList<YamlMappingNode> documents, string program) =>
        At(Find(documents, "Deployment", "moneybot-" + program), "spec.template.spec.containers.0")
        ?? throw new Xunit.Sdk.XunitException($"no container for {program}");
}
