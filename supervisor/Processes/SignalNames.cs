using System.Globalization;

namespace MoneyBot.Supervisor.Processes;

/// <summary>Linux signal numbers and their short names (TERM, KILL, ...).</summary>
public static class SignalNames
{
    public const int Hup = 1;
    public const int Int = 2;
    public const int Kill = 9;
    public const int Term = 15;

    public static string Name(int signal) =>
        signal switch
        {
            1 => "HUP",
            2 => "INT",
            3 => "QUIT",
            4 => "ILL",
            6 => "ABRT",
            7 => "BUS",
            8 => "FPE",
            9 => "KILL",
            10 => "USR1",
            11 => "SEGV",
            12 => "USR2",
            13 => "PIPE",
            14 => "ALRM",
            15 => "TERM",
            _ => signal.ToString(CultureInfo.InvariantCulture),
        };
}
