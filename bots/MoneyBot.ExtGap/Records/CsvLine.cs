using System.Text;

namespace MoneyBot.ExtGap.Records;

/// <summary>Splits one CSV line into fields (RFC 4180 quoting; a quoted field cannot span lines here).</summary>
public static class CsvLine
{
    /// <summary>The fields of <paramref name="line"/>; false when a quote is not closed.</summary>
    public static bool TrySplit(string line, out List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(line);
        fields = [];
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return !quoted;
    }
}
