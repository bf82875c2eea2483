using System.Text;
using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Tests.Deploy;

/// <summary>
/// The patterns of a <c>.dockerignore</c> with Docker's rules, as far as the tests need: paths relative to the
/// context, <c>*</c> and <c>?</c> within one path segment, <c>**</c> across any number of them, a pattern excludes a
/// folder with everything in it, <c>!</c> takes a path back, and the last pattern that matches wins.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Exclude, string Text)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex, bool, string)> rules)
    {
        _rules = rules;
    }

    public static string ShippedPath { get; } = Path.Combine(RepositoryLayout.Root, ".dockerignore");

    public static DockerIgnore Shipped() => Parse(File.ReadAllText(ShippedPath));

    public static DockerIgnore Parse(string text) =>
        new([
            .. text.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l =>
                {
                    var exclude = !l.StartsWith('!');
                    var pattern = (exclude ? l : l[1..]).Trim().Trim('/');
                    return (ToRegex(pattern), exclude, l);
                }),
        ]);

    /// <summary>
    /// The pattern that keeps <paramref name="path"/> (relative to the context) out of the build context, or null
    /// when the path is sent.
    /// </summary>
    public string? ExcludedBy(string path)
    {
        var segments = path.Trim('/').Split('/');
        string? excludedBy = null;
        foreach (var (pattern, exclude, text) in _rules)
        {
            var matches = Enumerable
                .Range(1, segments.Length)
                .Any(count => pattern.IsMatch(string.Join('/', segments.Take(count))));
            if (matches)
            {
                excludedBy = exclude ? text : null;
            }
        }

        return excludedBy;
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var index = 0; index < pattern.Length; index++)
        {
            if (pattern.AsSpan(index).StartsWith("**/"))
            {
                regex.Append("(?:.*/)?");
                index += 2;
            }
            else if (pattern.AsSpan(index).StartsWith("**"))
            {
                regex.Append(".*");
                index++;
            }
            else
            {
                regex.Append(
                    pattern[index] switch
                    {
                        '*' => "[^/]*",
                        '?' => "[^/]",
                        _ => Regex.Escape(pattern[index..(index + 1)]),
                    }
                );
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
