namespace ActiveAlignment.Internal;

/// <summary>
/// The optimal-string-alignment distance (Levenshtein plus adjacent transpositions), case-insensitive: what "did you mean"
/// hints for property names and commands are chosen by. Linked by source into the finite-games package and the tool.
/// </summary>
internal static class EditDistance
{
    /// <summary>Strings longer than this are never a misspelling of a name: their distance is not computed (bounded work).</summary>
    public const int MaxLength = 256;

    /// <summary>
    /// The distance, or a lower bound of it (the difference of the lengths, or the longer length when a string is longer than
    /// <see cref="MaxLength"/>) whenever that already exceeds 2, the most any "did you mean" accepts: O(min(|a|,|b|)²) work at
    /// most, so a 5 MB name costs nothing.
    /// </summary>
    public static int Between(string a, string b)
    {
        if (a.Length > MaxLength || b.Length > MaxLength)
        {
            return Math.Max(a.Length, b.Length);
        }
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return Math.Abs(a.Length - b.Length);
        }
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                char x = char.ToLowerInvariant(a[i - 1]), y = char.ToLowerInvariant(b[j - 1]);
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (x == y ? 0 : 1));
                if (i > 1 && j > 1 && x == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == y)
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
