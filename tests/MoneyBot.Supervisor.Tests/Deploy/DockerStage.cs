namespace MoneyBot.Supervisor.Tests.Deploy;

/// <summary>
/// A stage of a Dockerfile: its base image, its name (<c>AS name</c>) and its instructions after FROM.
/// </summary>
internal sealed record DockerStage(string BaseImage, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    /// <summary>The instructions with <paramref name="keyword"/>, in order.</summary>
    public IReadOnlyList<DockerInstruction> All(string keyword) => [.. Instructions.Where(i => i.Keyword == keyword)];

    /// <summary>The working directory in force at the end of the stage (the last absolute WORKDIR), or null.</summary>
    public string? WorkDir => All("WORKDIR") is [.., var last] ? last.Arguments : null;

    /// <summary>The user in force at the end of the stage (the last USER), or null when the stage sets none.</summary>
    public string? User => All("USER") is [.., var last] ? last.Arguments : null;
}
