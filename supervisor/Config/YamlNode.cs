namespace MoneyBot.Supervisor.Config;

/// <summary>A node of the small YAML tree the loader validates, with where it starts (1-based).</summary>
internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>How the node is named in "found ..." messages.</summary>
    public abstract string Kind { get; }
}

/// <summary>
/// A scalar; <see cref="Value"/> is the text as written (after YAML unquoting, before <c>${VAR}</c> expansion).
/// </summary>
internal sealed record YamlScalar(int Line, int Column, string Value, bool IsPlain) : YamlNode(Line, Column)
{
    public override string Kind => "a value";

    /// <summary>True for an empty plain value, <c>~</c> and <c>null</c> (YAML's null).</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

/// <summary>A list (<c>[a, b]</c> or <c>- a</c> lines).</summary>
internal sealed record YamlSequence(int Line, int Column, IReadOnlyList<YamlNode> Items) : YamlNode(Line, Column)
{
    public override string Kind => "a list";
}

/// <summary>A mapping whose keys are scalars and unique (duplicates are reported while building).</summary>
internal sealed record YamlMapping(int Line, int Column, IReadOnlyList<YamlEntry> Entries) : YamlNode(Line, Column)
{
    public override string Kind => "a mapping";
}

/// <summary>One key: value pair of a <see cref="YamlMapping"/>.</summary>
internal sealed record YamlEntry(YamlScalar Key, YamlNode Value);
