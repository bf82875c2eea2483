using System.Text;
using MoneyBot.Common.Telegram;

namespace MoneyBot.Supervisor.Reports;

/// <summary>A report for people: a title and lines, rendered as plain text (CLI) or Telegram HTML.</summary>
public sealed record Report(string Title, IReadOnlyList<string> Lines)
{
    public string ToPlainText() => Title + "\n" + string.Join("\n", Lines) + "\n";

    public string ToHtml()
    {
        var text = new StringBuilder().Append("<b>").Append(TelegramHtml.Escape(Title)).Append("</b>\n<pre>");
        foreach (var line in Lines)
        {
            text.Append(TelegramHtml.Escape(line)).Append('\n');
        }

        return text.Append("</pre>").ToString();
    }
}
