using System.Globalization;
using System.Text.RegularExpressions;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Cli;

/// <summary>
/// Turns "access denied" into what the operator needs to know: which path stopped them and whose it is (a daemon
/// run by another user keeps its run directory and socket to itself).
/// </summary>
public static partial class PermissionProblem
{
    /// <summary>
    /// "permission denied: PATH belongs to USER" for the nearest part of <paramref name="path"/> that can be looked
    /// at (the directory that refused, when the path itself is inside one that cannot be entered).
    /// </summary>
    public static string Describe(string path)
    {
        var current = Path.GetFullPath(path);
        uint? found;
        while ((found = NativeMethods.OwnerOf(current)) is null)
        {
            var parent = Path.GetDirectoryName(current);
            if (parent is null)
            {
                return $"permission denied: {path}";
            }

            current = parent;
        }

        var owner = found.Value;
        var me = UserName(GetCurrentUid());
        return owner == GetCurrentUid()
            ? $"permission denied: {current} (yours, but its mode does not let you in; check it with ls -ld)"
            : $"permission denied: {current} belongs to {UserName(owner)} (you are {me}); run this as "
                + UserName(owner);
    }

    /// <summary>The path .NET names in an <see cref="UnauthorizedAccessException"/>, if any.</summary>
    public static string? PathOf(UnauthorizedAccessException exception) =>
        PathInMessage().Match(exception.Message) is { Success: true } match
            ? (match.Groups[1].Success ? match.Groups[1] : match.Groups[2]).Value
            : null;

    private static uint GetCurrentUid() => NativeMethods.OwnerOf("/proc/self") ?? uint.MaxValue;

    private static string UserName(uint uid)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && fields[2] == uid.ToString(CultureInfo.InvariantCulture))
                {
                    return fields[0];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // no user database to read: the number will do
        }

        return "uid " + uid.ToString(CultureInfo.InvariantCulture);
    }

    // "Access to the path '/x' is denied." or, with resource strings trimmed, "UnauthorizedAccess_IODenied_Path, /x"
    [GeneratedRegex("'(/[^']*)'|, (/.*)$")]
    private static partial Regex PathInMessage();
}
