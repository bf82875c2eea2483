namespace MoneyBot.Supervisor.Export;

/// <summary>
/// An <c>env:</c> value as written in the YAML, in parts: literal text and <c>${NAME}</c> /
/// <c>${NAME:-default}</c> references (<c>$$</c> is a literal <c>$</c>), the loader's reading of it.
/// </summary>
internal sealed record EnvTemplate(IReadOnlyList<EnvTemplate.Part> Parts)
{
    public bool HasReferences => Parts.Any(p => p.Variable is not null);

    public static EnvTemplate Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var parts = new List<Part>();
        var literal = new System.Text.StringBuilder();
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != '$' || i + 1 >= raw.Length || raw[i + 1] is not ('$' or '{'))
            {
                literal.Append(raw[i++]);
                continue;
            }

            if (raw[i + 1] == '$')
            {
                literal.Append('$');
                i += 2;
                continue;
            }

            var close = raw.IndexOf('}', i + 2);
            if (close < 0)
            {
                // The loader has refused such a value already; keep it literal.
                literal.Append(raw[i..]);
                break;
            }

            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), null, null));
                literal.Clear();
            }

            var reference = raw[(i + 2)..close];
            var separator = reference.IndexOf(":-", StringComparison.Ordinal);
            parts.Add(
                separator < 0
                    ? new Part(null, reference, null)
                    : new Part(null, reference[..separator], reference[(separator + 2)..])
            );
            i = close + 1;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), null, null));
        }

        return new EnvTemplate(parts);
    }

    /// <summary>Literal text, or a reference to <see cref="Variable"/> with an optional default.</summary>
    internal sealed record Part(string? Text, string? Variable, string? Default);
}
