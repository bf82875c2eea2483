using System.Text;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:-default}</c> (default used when VAR is unset or empty) from the
/// process environment, then the env file; <c>$$</c> is a literal <c>$</c>. Remembers the values of
/// secret-looking variables it used, so they can be masked.
/// </summary>
internal sealed class VariableExpander(IReadOnlyDictionary<string, string> environment)
{
    private const int MinSecretLength = 6;
    private static readonly string[] SecretWords = ["TOKEN", "SECRET", "PASSWORD", "PASSPHRASE", "API_KEY"];

    private readonly List<string> _secrets = [];
    private readonly List<string> _names = [];
    private IReadOnlyDictionary<string, string> _envFile = new Dictionary<string, string>();

    /// <summary>Adds the env file's variables (the process environment still wins).</summary>
    public void UseEnvFile(IReadOnlyDictionary<string, string> variables) => _envFile = variables;

    /// <summary>
    /// Values of used variables whose names look secret (TOKEN, SECRET, PASSWORD, ...), in first-use order.
    /// </summary>
    public IReadOnlyList<string> Secrets => _secrets;

    /// <summary>The name of every variable a <c>${...}</c> referred to, set or not, in first-use order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>
    /// Expands <paramref name="raw"/>. Returns null and adds messages to <paramref name="errors"/> when a
    /// reference is unset or malformed; messages quote only the raw text, never a value.
    /// </summary>
    public string? Expand(string raw, List<string> errors)
    {
        if (!raw.Contains('$', StringComparison.Ordinal))
        {
            return raw;
        }

        var result = new StringBuilder(raw.Length);
        var errorCount = errors.Count;
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != '$' || i + 1 >= raw.Length || raw[i + 1] is not ('$' or '{'))
            {
                result.Append(c);
                i++;
                continue;
            }

            if (raw[i + 1] == '$')
            {
                result.Append('$');
                i += 2;
                continue;
            }

            var close = raw.IndexOf('}', i + 2);
            if (close < 0)
            {
                errors.Add($"'${{' without a closing '}}' in '{raw}' (write $$ for a literal $)");
                break;
            }

            result.Append(Resolve(raw[(i + 2)..close], errors));
            i = close + 1;
        }

        return errors.Count == errorCount ? result.ToString() : null;
    }

    private string Resolve(string reference, List<string> errors)
    {
        var separator = reference.IndexOf(":-", StringComparison.Ordinal);
        var name = separator < 0 ? reference : reference[..separator];
        var fallback = separator < 0 ? null : reference[(separator + 2)..];
        if (!EnvFile.VariableName().IsMatch(name))
        {
            errors.Add($"'${{{reference}}}' is not a valid variable reference; write ${{NAME}} or ${{NAME:-default}}");
            return string.Empty;
        }

        if (!_names.Contains(name))
        {
            _names.Add(name);
        }

        var value = Lookup(name);
        if (value is not null && (value.Length > 0 || fallback is null))
        {
            Remember(name, value);
            return value;
        }

        if (fallback is not null)
        {
            return fallback;
        }

        errors.Add(
            $"variable '{name}' is not set; set it in the environment or the env file, or write ${{{name}:-default}}"
        );
        return string.Empty;
    }

    private string? Lookup(string name) =>
        environment.TryGetValue(name, out var value) ? value
        : _envFile.TryGetValue(name, out var fromFile) ? fromFile
        : null;

    private void Remember(string name, string value)
    {
        if (
            value.Length >= MinSecretLength
            && SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase))
            && !_secrets.Contains(value)
        )
        {
            _secrets.Add(value);
        }
    }
}
