using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Export;

/// <summary>
/// A program's <c>env:</c> for a Kubernetes container: values written without <c>${...}</c> come from the settings
/// ConfigMap; values made from variables (the tokens) come from the Secret made from the env file, key = the
/// variable's name, so no value is ever written into a manifest. A value that mixes text and variables is put
/// together by Kubernetes' <c>$(NAME)</c> expansion from helper variables.
/// </summary>
internal sealed class KubernetesEnvironment
{
    /// <summary>Prefix of the helper variables that carry a Secret key into a composed value.</summary>
    public const string HelperPrefix = "MONEYBOT_SECRET_";

    private readonly List<(string Name, EnvTemplate? Template)> _entries;
    private readonly List<string> _notes;

    private KubernetesEnvironment(List<(string, EnvTemplate?)> entries, List<string> notes)
    {
        _entries = entries;
        _notes = notes;
    }

    /// <summary>The values as they are, for the ConfigMap.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Literal { get; private init; } = [];

    /// <summary>What the mapping could not keep (a default value), for a comment; null when nothing.</summary>
    public string? Comment => _notes.Count == 0 ? null : string.Join(" ", _notes);

    public static KubernetesEnvironment Of(ProgramConfig program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var entries = new List<(string, EnvTemplate?)>();
        var literal = new List<KeyValuePair<string, string>>();
        var notes = new List<string>();
        foreach (var (name, value) in program.Environment)
        {
            var template = program.EnvironmentSource.TryGetValue(name, out var raw) ? EnvTemplate.Parse(raw) : null;
            if (template is not { HasReferences: true })
            {
                literal.Add(new(name, value));
                entries.Add((name, null));
                continue;
            }

            entries.Add((name, template));
            foreach (var part in template.Parts.Where(p => p.Default is { Length: > 0 }))
            {
                notes.Add(
                    $"{name}: the default '{part.Default}' of ${{{part.Variable}}} is not applied here; put "
                        + $"{part.Variable} in the Secret."
                );
            }
        }

        if (entries.Any(e => e.Item2 is { Parts.Count: > 1 }))
        {
            notes.Add(
                $"{HelperPrefix}*: Secret keys that Kubernetes puts into the composed values with $(NAME); "
                    + "the program sees them too. Each key must be in the Secret (an empty value is fine): "
                    + "Kubernetes would leave a missing one as the text $(NAME)."
            );
        }

        return new KubernetesEnvironment(entries, notes) { Literal = literal };
    }

    /// <summary>The container's <c>env:</c> list; null when the program has no <c>env:</c>.</summary>
    public KubeYaml.Sequence? Entries(ProgramConfig program, string settings, string secret)
    {
        if (_entries.Count == 0)
        {
            return null;
        }

        var helpers = new List<string>();
        var list = new KubeYaml.Sequence();
        var composed = new List<KubeYaml>();
        foreach (var (name, template) in _entries)
        {
            if (template is null)
            {
                composed.Add(
                    From(
                        name,
                        "configMapKeyRef",
                        new KubeYaml.Map().Add("name", settings).Add("key", $"{program.Name}.{name}")
                    )
                );
                continue;
            }

            if (template.Parts is [{ Variable: { } variable } only])
            {
                composed.Add(From(name, "secretKeyRef", SecretKey(secret, variable, only.Default is not null)));
                continue;
            }

            var value = new System.Text.StringBuilder();
            foreach (var part in template.Parts)
            {
                if (part.Variable is not { } reference)
                {
                    value.Append(KubernetesManifests.Escaped(part.Text!));
                    continue;
                }

                if (!helpers.Contains(reference))
                {
                    helpers.Add(reference);
                    list.Add(
                        From(HelperPrefix + reference, "secretKeyRef", SecretKey(secret, reference, optional: false))
                    );
                }

                value.Append("$(").Append(HelperPrefix).Append(reference).Append(')');
            }

            composed.Add(new KubeYaml.Map().Add("name", name).Add("value", value.ToString()));
        }

        foreach (var entry in composed)
        {
            list.Add(entry);
        }

        return list;
    }

    private static KubeYaml.Map SecretKey(string secret, string variable, bool optional)
    {
        var key = new KubeYaml.Map().Add("name", secret).Add("key", variable);
        return optional ? key.Add("optional", KubeYaml.Flag(true)) : key;
    }

    private static KubeYaml.Map From(string name, string kind, KubeYaml.Map reference) =>
        new KubeYaml.Map().Add("name", name).Add("valueFrom", new KubeYaml.Map().Add(kind, reference));
}
