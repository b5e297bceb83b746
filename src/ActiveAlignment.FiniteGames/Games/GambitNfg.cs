using System.Globalization;
using System.Text;
using ActiveAlignment.FiniteGames;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Games;

/// <summary>
/// Gambit's strategic-form files (<c>.nfg</c>) for two-player games, and lrsnash's input format, read exactly
/// (docs/finite-games.md#file-formats).
/// </summary>
/// <remarks>
/// <para>
/// An <c>.nfg</c> file starts <c>NFG 1 R "title" { "Player 1" "Player 2" }</c> (or <c>NFG 1 D</c>; the two differ only in how
/// Gambit wrote the numbers, and both are read exactly), then either the strategy counts <c>{ 3 2 }</c> or the strategy names
/// <c>{ { "Top" "Bottom" } { "Left" "Right" } }</c>, then an optional comment string. In the <em>payoff version</em> the payoffs
/// follow, every player's payoff for each strategy profile with the first player's strategy changing fastest; in the
/// <em>outcome version</em> a list of outcomes <c>{ "name" 3, 2 }</c> follows, then one outcome number per profile (1-based,
/// 0 for the null outcome whose payoffs are all 0), in the same order. Numbers are integers, decimals (with an exponent or not)
/// or fractions <c>2/7</c>, separated by white space or commas; strings may contain <c>\"</c>.
/// </para>
/// <para>
/// Names: an empty strategy name becomes its 1-based position (<c>"1"</c>, <c>"2"</c>, …); a repeated name gets the
/// suffix <c>#2</c>, <c>#3</c>, … in order of appearance (the first keeps its name), and likewise for players (an empty player
/// name becomes <c>Player 1</c> or <c>Player 2</c>). The file's order of strategies is kept.
/// </para>
/// </remarks>
public static class GambitNfg
{
    /// <summary>True when the text starts (after white space) with the <c>NFG</c> keyword.</summary>
    /// <param name="text">A file's text.</param>
    public static bool LooksLikeNfg(string text) => text.AsSpan().TrimStart().StartsWith("NFG", StringComparison.Ordinal);

    /// <summary>Reads a two-player <c>.nfg</c> file.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">A label for error messages (the file name).</param>
    /// <returns>The bimatrix game, with the title as its description.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FiniteGameFormatException">The text is not a valid two-player <c>.nfg</c> file; the message names the
    /// line and what is wrong (a game with three or more players is refused as such).</exception>
    public static BimatrixGame Read(string text, string source = "game.nfg")
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = new Tokens(text, source);
        var players = t.Header("NFG", "1", "strategic");
        if (players.Count != 2)
        {
            throw t.Error($"the game has {players.Count} player{(players.Count == 1 ? "" : "s")}; only two-player games are supported (bimatrix games), so nash cannot solve it.", atStart: true);
        }
        List<List<string>> strategies;
        t.Open("the strategies");
        if (t.PeekIsOpen())
        {
            strategies = [];
            while (!t.TryClose())
            {
                strategies.Add(t.StringList("a player's strategy names"));
            }
        }
        else
        {
            var counts = new List<int>();
            while (!t.TryClose())
            {
                string word = t.Word("a strategy count");
                if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > 100_000)
                {
                    throw t.Error($"strategy count \"{Abbreviate(word)}\" is not a whole number from 1 to 100000.");
                }
                counts.Add(n);
            }
            strategies = counts.Select(n => Enumerable.Repeat(string.Empty, n).ToList()).ToList();
        }
        if (strategies.Count != players.Count)
        {
            throw t.Error($"{strategies.Count} strategy lists for {players.Count} players.");
        }
        if (t.PeekIsString())
        {
            t.QuotedString("the comment");
        }
        int m = strategies[0].Count, n2 = strategies[1].Count;
        long cells = (long)m * n2;
        if (cells > 10_000_000)
        {
            throw t.Error($"the game has {m} × {n2} strategy profiles; at most 10,000,000 are read.");
        }
        var a = new Rational[m, n2];
        var b = new Rational[m, n2];
        if (t.PeekIsOpen())
        {
            // Outcome version: outcomes, then one outcome number per profile.
            t.Open("the outcomes");
            var outcomes = new List<(Rational A, Rational B)>();
            while (!t.TryClose())
            {
                t.Open("an outcome");
                t.QuotedString("the outcome's name");
                var pa = t.Number("the first player's payoff");
                var pb = t.Number("the second player's payoff");
                if (!t.TryClose())
                {
                    throw t.Error("an outcome has more than two payoffs; only two-player games are supported.");
                }
                outcomes.Add((pa, pb));
            }
            for (long c = 0; c < cells; c++)
            {
                string word = t.Word($"the outcome of profile {c + 1} of {cells}");
                if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int o) || o > outcomes.Count)
                {
                    throw t.Error($"outcome number \"{Abbreviate(word)}\" is not 0 (the null outcome) or one of the {outcomes.Count} outcomes.");
                }
                int i = (int)(c % m), j = (int)(c / m);
                (a[i, j], b[i, j]) = o == 0 ? (Rational.Zero, Rational.Zero) : outcomes[o - 1];
            }
        }
        else
        {
            for (long c = 0; c < cells; c++)
            {
                int i = (int)(c % m), j = (int)(c / m);
                a[i, j] = t.Number($"the first player's payoff of profile {c + 1} of {cells}");
                b[i, j] = t.Number($"the second player's payoff of profile {c + 1} of {cells}");
            }
        }
        t.End();
        var names = UniqueNames(players.Select((p, k) => p.Length == 0 ? $"Player {k + 1}" : p).ToList());
        var rows = UniqueNames(strategies[0].Select((s, k) => s.Length == 0 ? (k + 1).ToString(CultureInfo.InvariantCulture) : s).ToList());
        var columns = UniqueNames(strategies[1].Select((s, k) => s.Length == 0 ? (k + 1).ToString(CultureInfo.InvariantCulture) : s).ToList());
        return BimatrixGame.Create(rows, columns, a, b, names);
    }

    /// <summary>Writes a bimatrix game as an <c>.nfg</c> file (payoff version, strategy names, exact rationals), which Gambit opens.</summary>
    /// <param name="game">The game.</param>
    /// <param name="title">The title; default "".</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static string Write(BimatrixGame game, string title = "")
    {
        ArgumentNullException.ThrowIfNull(game);
        var sb = new StringBuilder();
        sb.Append("NFG 1 R ").Append(Quote(title)).Append(" { ").Append(string.Join(" ", game.Players.Select(Quote))).Append(" }\n\n");
        sb.Append("{ { ").Append(string.Join(" ", game.RowActions.Select(Quote))).Append(" }\n");
        sb.Append("{ ").Append(string.Join(" ", game.ColumnActions.Select(Quote))).Append(" }\n}\n\"\"\n\n");
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                sb.Append(game.RowPayoffs[i, j].ToString()).Append(' ').Append(game.ColumnPayoffs[i, j].ToString());
                sb.Append(i == m - 1 ? '\n' : ' ');
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads lrsnash's input format: <c>m n</c>, then the m × n payoff matrix of the row player, then the column player's, as
    /// integers, decimals or fractions separated by white space. Strategies are named 1 … m and 1 … n.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">A label for error messages.</param>
    /// <returns>The bimatrix game.</returns>
    /// <exception cref="FiniteGameFormatException">The text is not in that format.</exception>
    public static BimatrixGame ReadLrs(string text, string source = "game")
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = new Tokens(text, source);
        int Size(string what)
        {
            string word = t.Word(what);
            return int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1 && v <= 100_000
                ? v
                : throw t.Error($"{what} \"{Abbreviate(word)}\" is not a whole number from 1 to 100000.");
        }
        int m = Size("the number of rows m"), n = Size("the number of columns n");
        if ((long)m * n > 10_000_000)
        {
            throw t.Error($"the game has {m} × {n} strategy profiles; at most 10,000,000 are read.");
        }
        var a = new Rational[m, n];
        var b = new Rational[m, n];
        foreach (var (matrix, who) in new[] { (a, "row"), (b, "column") })
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    matrix[i, j] = t.Number($"the {who} player's payoff [{i + 1}][{j + 1}]");
                }
            }
        }
        t.End();
        return BimatrixGame.Create(Enumerable.Range(1, m).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList(),
            Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList(), a, b);
    }

    /// <summary>True when the text starts (after white space) with two whole numbers: lrsnash's <c>m n</c>.</summary>
    /// <param name="text">A file's text.</param>
    public static bool LooksLikeLrs(string text)
    {
        var words = text.AsSpan().TrimStart();
        int taken = 0;
        while (taken < 2)
        {
            int k = 0;
            while (k < words.Length && char.IsAsciiDigit(words[k]))
            {
                k++;
            }
            if (k == 0 || (k < words.Length && !char.IsWhiteSpace(words[k])))
            {
                return false;
            }
            words = words[k..].TrimStart();
            taken++;
        }
        return true;
    }

    /// <summary>Names made unique in order: a repeat of an earlier name gets "#2", "#3", … (the first keeps its name).</summary>
    internal static List<string> UniqueNames(IReadOnlyList<string> names)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(names.Count);
        foreach (string name in names)
        {
            string candidate = name;
            for (int suffix = 2; !used.Add(candidate); suffix++)
            {
                candidate = $"{name}#{suffix}";
            }
            result.Add(candidate);
        }
        return result;
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    internal static string Abbreviate(string s) => s.Length <= 24 ? s : string.Concat(s.AsSpan(0, 12), "…", s.AsSpan(s.Length - 6));

}

/// <summary>A tokenizer over a Gambit file: words, quoted strings, braces and commas (as separators), with line numbers.</summary>
internal sealed class Tokens(string text, string source)
{
    private int _pos;
    private int _line = 1;
    private int _tokenLine = 1;

    public FiniteGameFormatException Error(string message, bool atStart = false) =>
        new(source, $"line {(atStart ? 1 : _tokenLine)}", $"line {(atStart ? 1 : _tokenLine)}: {message}");

    private void SkipSeparators()
    {
        while (_pos < text.Length && (char.IsWhiteSpace(text[_pos]) || text[_pos] == ','))
        {
            if (text[_pos] == '\n')
            {
                _line++;
            }
            _pos++;
        }
        if (_pos < text.Length)
        {
            // At the end of the file the last token's line is the useful one.
            _tokenLine = _line;
        }
    }

    public void Keyword(string word)
    {
        string found = Word($"the keyword {word}");
        if (found != word)
        {
            throw Error($"expected \"{word}\" at the start of a Gambit strategic-form file, found \"{GambitNfg.Abbreviate(found)}\".");
        }
    }

    public string Word(string what)
    {
        SkipSeparators();
        if (_pos >= text.Length)
        {
            throw Error($"the file ends where {what} was expected.");
        }
        if (text[_pos] is '{' or '}' or '"')
        {
            throw Error($"expected {what}, found '{text[_pos]}'.");
        }
        int start = _pos;
        while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && text[_pos] is not (',' or '{' or '}' or '"'))
        {
            _pos++;
        }
        return text[start.._pos];
    }

    public Rational Number(string what)
    {
        string word = Word(what);
        return Rational.TryParse(word, out var value, out string? error)
            ? value
            : throw Error($"{what} \"{GambitNfg.Abbreviate(word)}\" is not a number ({error}).");
    }

    public string QuotedString(string what)
    {
        SkipSeparators();
        if (_pos >= text.Length || text[_pos] != '"')
        {
            throw Error(_pos >= text.Length ? $"the file ends where {what} (a quoted string) was expected." : $"expected {what} (a quoted string), found '{text[_pos]}'.");
        }
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= text.Length)
            {
                throw Error($"{what} is not closed (a '\"' is missing).");
            }
            char c = text[_pos++];
            if (c == '\\' && _pos < text.Length)
            {
                sb.Append(text[_pos++]);
                continue;
            }
            if (c == '"')
            {
                return sb.ToString();
            }
            if (c == '\n')
            {
                _line++;
            }
            sb.Append(c);
        }
    }

    public void Open(string what)
    {
        SkipSeparators();
        if (_pos >= text.Length || text[_pos] != '{')
        {
            throw Error(_pos >= text.Length ? $"the file ends where {what} ('{{') was expected." : $"expected '{{' opening {what}, found '{text[_pos]}'.");
        }
        _pos++;
    }

    public bool TryClose()
    {
        SkipSeparators();
        if (_pos < text.Length && text[_pos] == '}')
        {
            _pos++;
            return true;
        }
        if (_pos >= text.Length)
        {
            throw Error("the file ends inside braces (a '}' is missing).");
        }
        return false;
    }

    public bool PeekIsOpen()
    {
        SkipSeparators();
        return _pos < text.Length && text[_pos] == '{';
    }

    public bool PeekIsString()
    {
        SkipSeparators();
        return _pos < text.Length && text[_pos] == '"';
    }

    public List<string> StringList(string what)
    {
        Open(what);
        var list = new List<string>();
        while (!TryClose())
        {
            list.Add(QuotedString(what));
        }
        return list;
    }

    /// <summary>Gambit's header: the keyword, the version, R or D, the title, and the player names (returned).</summary>
    public List<string> Header(string keyword, string version, string form)
    {
        Keyword(keyword);
        string found = Word($"the version ({version})");
        if (found != version)
        {
            throw Error($"version {found} is not supported; Gambit's {form} form is {keyword} version {version}.");
        }
        string kind = Word("R or D");
        if (kind is not ("R" or "D"))
        {
            throw Error($"expected R or D after \"{keyword} {version}\", found \"{kind}\".");
        }
        QuotedString("the title");
        return StringList("the player names");
    }

    public int Line
    {
        get
        {
            SkipSeparators();
            return _tokenLine;
        }
    }

    public void End()
    {
        SkipSeparators();
        if (_pos < text.Length)
        {
            throw Error($"unexpected text at the end: \"{GambitNfg.Abbreviate(text[_pos..Math.Min(text.Length, _pos + 40)].Split('\n')[0])}\" (too many numbers for the game's size?).");
        }
    }
}
