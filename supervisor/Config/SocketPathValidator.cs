using System.Text;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Unix socket paths hold at most <see cref="MaxBytes"/> bytes. The control socket (<c>run_dir/moneybot.sock</c>)
/// and each program's notify socket (<c>run_dir/notify/NAME.sock</c>) must fit, or the daemon could not listen:
/// said at load time, naming what to shorten, instead of failing when the daemon starts.
/// </summary>
internal static class SocketPathValidator
{
    /// <summary>The room in <c>sockaddr_un.sun_path</c> (108 bytes) less the terminating zero.</summary>
    public const int MaxBytes = 107;

    public static void Validate(
        DaemonSettings daemon,
        YamlNode runDirNode,
        IEnumerable<ProgramDraft> programs,
        ConfigDiagnostics diagnostics
    )
    {
        var control = daemon.SocketPath;
        if (Bytes(control) > MaxBytes)
        {
            diagnostics.Add(
                runDirNode,
                "supervisor.run_dir",
                $"'{daemon.RunDir}' is too long for the control socket: '{control}' would be {Bytes(control)} "
                    + $"bytes, a Unix socket path holds at most {MaxBytes}; choose a shorter run_dir"
            );
            return; // every notify socket is longer still
        }

        foreach (var program in programs)
        {
            var notify = DaemonSettings.NotifySocketIn(daemon.RunDir, program.Config.Name);
            if (Bytes(notify) > MaxBytes)
            {
                diagnostics.Add(
                    program.Field.KeyNode,
                    program.Field.Path,
                    $"the notify socket '{notify}' would be {Bytes(notify)} bytes, a Unix socket path holds at most "
                        + $"{MaxBytes}; choose a shorter program name or run_dir"
                );
            }
        }
    }

    private static int Bytes(string path) => Encoding.UTF8.GetByteCount(path);
}
