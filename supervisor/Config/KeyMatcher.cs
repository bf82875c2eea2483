namespace MoneyBot.Supervisor.Config;

/// <summary>Finds the known word a misspelt one was probably meant to be ("did you mean ...?").</summary>
internal static class KeyMatcher
{
    private const int MaxDistance = 2;
    private const int MinPrefixLength = 3;

    /// <summary>
    /// The closest candidate within an edit distance of 2 (adjacent swaps count once), else one that
    /// starts with the input or that the input starts with; null when nothing is close.
    /// </summary>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        string? prefixMatch = null;
        foreach (var candidate in candidates)
        {
            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= MaxDistance && distance < Math.Max(input.Length, 2) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }

            if (prefixMatch is null && IsPrefixMatch(input, candidate))
            {
                prefixMatch = candidate;
            }
        }

        return best ?? prefixMatch;
    }

    /// <summary><c>"; did you mean 'x'?"</c>, or an empty string when nothing is close.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Suggest(input, candidates) is { } match ? $"; did you mean '{match}'?" : string.Empty;

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static bool IsPrefixMatch(string input, string candidate) =>
        input.Length >= MinPrefixLength
        && candidate.Length >= MinPrefixLength
        && (
            candidate.StartsWith(input, StringComparison.OrdinalIgnoreCase)
            || input.StartsWith(candidate, StringComparison.OrdinalIgnoreCase)
        );
}
