namespace MoneyBot.TestSupport;

/// <summary>
/// A fresh directory under the system temp folder (<c>/tmp/&lt;prefix&gt;XXXXXX</c>), deleted on dispose.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    /// <param name="prefix">The start of the folder's name; keep it short where a Unix socket goes inside (108
    /// bytes).</param>
    public TempDirectory(string prefix = "mb-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> (a relative path) inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A process of a failed test may still hold or write a file here: leave the folder behind rather than
            // fail the test a second time.
        }
    }
}
