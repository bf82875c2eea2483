using System.Text;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Export;

/// <summary>
/// A program's <c>env:</c> split for systemd: values written without <c>${...}</c> become <c>Environment=</c>
/// lines; values that refer to variables (the tokens) are never written expanded: a <c>/bin/sh</c> start script
/// computes them at each start from the unit's environment (its <c>EnvironmentFile=</c>), with the same
/// <c>${NAME}</c> / <c>${NAME:-default}</c> meaning, then unsets the other variables the YAML refers to (so one
/// bot does not hold another's token) and replaces itself with the program (<c>exec</c>: same pid).
/// </summary>
internal sealed class ProgramEnvironment
{
    private ProgramEnvironment(
        IReadOnlyList<KeyValuePair<string, string>> literal,
        IReadOnlyList<KeyValuePair<string, string>> computed,
        IReadOnlyList<string> unset
    )
    {
        Literal = literal;
        Computed = computed;
        Unset = unset;
    }

    /// <summary>Values as they are (no variable in the YAML).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Literal { get; }

    /// <summary>Name and shell text (the inside of a double-quoted word) of the values made from variables.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Computed { get; }

    /// <summary>Variables of the YAML the program must not see (another program's token).</summary>
    public IReadOnlyList<string> Unset { get; }

    public bool NeedsScript => Computed.Count > 0;

    public static ProgramEnvironment Of(ProgramConfig program, IReadOnlyList<string> referenced)
    {
        var literal = new List<KeyValuePair<string, string>>();
        var computed = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in program.Environment)
        {
            var raw = program.EnvironmentSource.TryGetValue(name, out var source) ? source : null;
            if (raw is not null && ShellValue(raw) is { } shell)
            {
                computed.Add(new(name, shell));
            }
            else
            {
                literal.Add(new(name, value));
            }
        }

        var unset =
            computed.Count == 0
                ? []
                : referenced.Where(n => !program.Environment.ContainsKey(n) && !ChildEnvironment.IsBase(n)).ToList();
        return new ProgramEnvironment(literal, computed, unset);
    }

    /// <summary>
    /// The start script as shell words separated by single spaces: <c>export NAME="...";</c> ...
    /// <c>unset ...;</c> <c>exec command args</c> (shell-quoted, before the unit file's own escaping).
    /// </summary>
    public IReadOnlyList<string> Script(string command, IReadOnlyList<string> args)
    {
        var script = new List<string>();
        foreach (var (name, shell) in Computed)
        {
            script.Add("export");
            script.Add($"{name}=\"{shell}\";");
        }

        if (Unset.Count > 0)
        {
            script.Add("unset");
            script.AddRange(Unset.Select((name, i) => i == Unset.Count - 1 ? name + ";" : name));
        }

        script.Add("exec");
        script.Add(SystemdSyntax.Shell(command));
        script.AddRange(args.Select(SystemdSyntax.Shell));
        return script;
    }

    /// <summary>
    /// <paramref name="raw"/> (a YAML value as written) as the inside of a double-quoted shell word; null when it
    /// refers to no variable. Same reading as the loader's expansion: <c>$$</c> is a <c>$</c>, <c>${NAME}</c> must
    /// be set (<c>${NAME?}</c>: the shell refuses to start the program otherwise), <c>${NAME:-default}</c> takes
    /// the default when unset or empty.
    /// </summary>
    private static string? ShellValue(string raw)
    {
        var template = EnvTemplate.Parse(raw);
        if (!template.HasReferences)
        {
            return null;
        }

        var shell = new StringBuilder(raw.Length + 8);
        foreach (var part in template.Parts)
        {
            shell.Append(
                part switch
                {
                    { Variable: null } => SystemdSyntax.ShellDoubleQuoted(part.Text!),
                    { Default: null } => $"${{{part.Variable}?not set}}",
                    _ => $"${{{part.Variable}:-{SystemdSyntax.ShellDoubleQuoted(part.Default)}}}",
                }
            );
        }

        return shell.ToString();
    }
}
