namespace MoneyBot.Supervisor.Export;

/// <summary>How <see cref="KubernetesManifests"/> writes the manifests.</summary>
/// <param name="Namespace">The namespace of every object; null: none written (kubectl's current one).</param>
/// <param name="Image">The image built from the repository's Dockerfile.</param>
/// <param name="Prefix">Start of every object's name: <c>moneybot-</c> gives <c>moneybot-extgap-3m</c>.</param>
public sealed record KubernetesExportOptions(
    string? Namespace = null,
    string Image = KubernetesExportOptions.DefaultImage,
    string Prefix = "moneybot-"
)
{
    /// <summary>The image <c>docker build -t moneybot:latest .</c> makes.</summary>
    public const string DefaultImage = "moneybot:latest";

    /// <summary>Where the image keeps the repository (Dockerfile): the base directory of the exported file.</summary>
    public const string AppDirectory = "/app";

    /// <summary>No namespace, <see cref="DefaultImage"/>, the <c>moneybot-</c> prefix.</summary>
    public static KubernetesExportOptions Default { get; } = new();
}
