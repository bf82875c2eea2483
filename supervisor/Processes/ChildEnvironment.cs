using System.Collections;

namespace MoneyBot.Supervisor.Processes;

/// <summary>
/// Least privilege for children: a program gets a small base taken from the daemon's environment (where to find
/// executables, who and where it is, language and time zone) plus what its own <c>env:</c> entry declares, never
/// the rest of the daemon's environment (another bot's token, say). A program that needs one of the daemon's
/// variables declares it: <c>env: { NAME: "${NAME}" }</c>.
/// </summary>
public static class ChildEnvironment
{
    /// <summary>The daemon's variables every child gets, when set.</summary>
    public static readonly IReadOnlyList<string> BaseNames =
    [
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "SHELL",
        "LANG",
        "LANGUAGE",
        "TZ",
        "TMPDIR",
        "DOTNET_ROOT",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
    ];

    /// <summary>Prefixes of further base variables (the locale categories).</summary>
    public static readonly IReadOnlyList<string> BasePrefixes = ["LC_"];

    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> OwnBase = new(() =>
        BaseOf(Environment.GetEnvironmentVariables())
    );

    /// <summary>The base part of this process's environment (read once).</summary>
    public static IReadOnlyDictionary<string, string> Base => OwnBase.Value;

    /// <summary>The base part of <paramref name="environment"/>; PATH gets a standard value when missing.</summary>
    public static IReadOnlyDictionary<string, string> BaseOf(IDictionary environment)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry is { Key: string name, Value: string value } && IsBase(name))
            {
                result[name] = value;
            }
        }

        result.TryAdd("PATH", DefaultPath);
        return result;
    }

    /// <summary>
    /// A child's whole environment: the base, then the program's declared entries (which win), then the marker.
    /// </summary>
    public static Dictionary<string, string> For(
        string program,
        IReadOnlyDictionary<string, string> declared,
        ChildMarker? marker,
        IReadOnlyDictionary<string, string>? baseEnvironment = null
    )
    {
        var environment = new Dictionary<string, string>(baseEnvironment ?? Base, StringComparer.Ordinal);
        foreach (var (name, value) in declared)
        {
            environment[name] = value;
        }

        marker?.AddTo(environment, program);
        return environment;
    }

    internal static bool IsBase(string name) =>
        BaseNames.Contains(name) || BasePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
