using System.Text;

namespace MoneyBot.Supervisor.Tests.Deploy;

/// <summary>
/// A Dockerfile read into stages and instructions, as far as the tests need: comments and blank lines dropped,
/// continuation lines (a trailing backslash) joined, keywords upper-cased. No engine is needed to read it.
/// </summary>
internal sealed class DockerfileText
{
    private DockerfileText(IReadOnlyList<DockerStage> stages)
    {
        Stages = stages;
    }

    /// <summary>The repository's <c>Dockerfile</c>.</summary>
    public static string ShippedPath { get; } = Path.Combine(RepositoryLayout.Root, "Dockerfile");

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage the image is made of: the last one.</summary>
    public DockerStage Final => Stages[^1];

    /// <summary>The stage named <paramref name="name"/>.</summary>
    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"the Dockerfile has no stage named '{name}'");

    public static DockerfileText Shipped() => Parse(File.ReadAllText(ShippedPath));

    public static DockerfileText Parse(string text)
    {
        var stages = new List<DockerStage>();
        var instructions = new List<DockerInstruction>();
        string? image = null;
        string? name = null;
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                if (image is not null)
                {
                    stages.Add(new DockerStage(image, name, instructions));
                }

                var operands = instruction.Operands;
                image = operands[0];
                name =
                    operands.Count >= 3 && operands[1].Equals("AS", StringComparison.OrdinalIgnoreCase)
                        ? operands[2]
                        : null;
                instructions = [];
            }
            else if (image is not null)
            {
                instructions.Add(instruction);
            }
        }

        if (image is null)
        {
            throw new Xunit.Sdk.XunitException("the Dockerfile has no FROM");
        }

        stages.Add(new DockerStage(image, name, instructions));
        return new DockerfileText(stages);
    }

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var lines = text.Split('\n');
        var joined = new StringBuilder();
        var start = 0;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            var trimmed = line.Trim();
            if (joined.Length == 0 && (trimmed.Length == 0 || trimmed.StartsWith('#')))
            {
                continue;
            }

            if (joined.Length == 0)
            {
                start = index + 1;
            }
            else if (trimmed.StartsWith('#'))
            {
                continue; // a comment inside a continued instruction is dropped, as Docker does
            }

            if (trimmed.EndsWith('\\'))
            {
                joined.Append(trimmed[..^1]).Append(' ');
                continue;
            }

            joined.Append(trimmed);
            var whole = joined.ToString();
            joined.Clear();
            var space = whole.IndexOfAny([' ', '\t']);
            yield return space < 0
                ? new DockerInstruction(whole.ToUpperInvariant(), "", start)
                : new DockerInstruction(whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim(), start);
        }
    }
}
