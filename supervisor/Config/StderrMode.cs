namespace MoneyBot.Supervisor.Config;

/// <summary>Where a program's stderr goes (<c>logs.stderr:</c>).</summary>
public enum StderrMode
{
    /// <summary><c>separate</c>: <c>&lt;name&gt;.err.log</c> beside <c>&lt;name&gt;.out.log</c>.</summary>
    Separate,

    /// <summary><c>merge</c>: into <c>&lt;name&gt;.out.log</c>, line by line.</summary>
    Merge,
}
