using System.Globalization;

namespace MoneyBot.ExchangeSim.Cli;

/// <summary>The simulated market time kept in a small text file (ISO-8601), written atomically.</summary>
public static class MarketClockFile
{
    /// <summary>The saved time, or null when there is no usable file.</summary>
    public static DateTimeOffset? Read(string path)
    {
        try
        {
            return DateTimeOffset.TryParse(
                File.ReadAllText(path).Trim(),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var time
            )
                ? time
                : null;
        }
        catch (IOException)
        {
            return null; // no file yet: start from now
        }
    }

    public static void Write(string path, DateTimeOffset time)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temp = path + ".tmp";
            File.WriteAllText(temp, time.ToString("O", CultureInfo.InvariantCulture));
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            // Keeping the clock is a convenience; a full disk must not stop the simulator.
        }
    }
}
