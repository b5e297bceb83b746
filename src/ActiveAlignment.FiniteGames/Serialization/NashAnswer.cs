using System.Globalization;
using System.Text.Json;
using System.Text;
using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of the finite games (<c>active-alignment nash</c>): every extreme equilibrium of a bimatrix game, and the subgame-perfect equilibria of a game tree. Written by the library; the tool only prints them.</summary>
internal static class NashAnswer
{
    internal static string BimatrixJson(BimatrixGame g, BimatrixSolution s) => Format.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "bimatrix");
        w.WriteString("status", s.Status switch
        {
            BimatrixStatus.Complete => "complete",
            BimatrixStatus.BudgetExceeded => "budgetExceeded",
            _ => throw new ArgumentOutOfRangeException(nameof(s), s.Status, "an unknown bimatrix status"), // a new member needs its wire name here
        });
        w.WriteNumber("count", s.Equilibria.Count);
        w.WriteBoolean("degenerate", s.Degenerate);
        w.WriteBoolean("certified", s.IsCertified);
        w.WriteStartArray("equilibria");
        foreach (var e in s.Equilibria)
        {
            w.WriteStartObject();
            w.WriteBoolean("pure", e.IsPure);
            Strategy(w, g.Players[0], g.RowActions, e.RowStrategy);
            Strategy(w, g.Players[1], g.ColumnActions, e.ColumnStrategy);
            w.WriteStartObject("payoffs");
            w.WriteString(g.Players[0], e.RowPayoff.ToString());
            w.WriteString(g.Players[1], e.ColumnPayoff.ToString());
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("components");
        foreach (var component in s.Components)
        {
            w.WriteStartObject();
            w.WriteStartArray("maximalSubsets");
            foreach (var subset in component.Subsets)
            {
                w.WriteStartObject();
                w.WriteStartArray(g.Players[0]);
                foreach (int r in subset.RowStrategies)
                {
                    Strategy(w, null, g.RowActions, s.RowStrategies[r]);
                }
                w.WriteEndArray();
                w.WriteStartArray(g.Players[1]);
                foreach (int c in subset.ColumnStrategies)
                {
                    Strategy(w, null, g.ColumnActions, s.ColumnStrategies[c]);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (g.IsZeroSum)
        {
            var z = ZeroSumGame.Solve(g.RowPayoffs.ToArray());
            w.WriteStartObject("zeroSum");
            w.WriteString("value", z.Value.ToString());
            Strategy(w, g.Players[0], g.RowActions, z.RowStrategy);
            Strategy(w, g.Players[1], g.ColumnActions, z.ColumnStrategy);
            w.WriteBoolean("certified", z.IsCertified);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    internal static string BimatrixTable(BimatrixGame g, BimatrixSolution s)
    {
        var sb = new StringBuilder();
        int count = s.Equilibria.Count;
        string what = $"{count} extreme Nash equilibri{(count == 1 ? "um" : "a")}";
        sb.Append(s.Degenerate
            ? $"{what} in {s.Components.Count} component{(s.Components.Count == 1 ? "" : "s")} (degenerate game: the components below are the whole set of equilibria)\n\n"
            : $"{what} (non-degenerate game: they are isolated and are every equilibrium)\n\n");
        var rows = s.Equilibria.Select((e, i) => (IReadOnlyList<string>)
            [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), e.IsPure ? "pure" : "mixed", Mix(g.RowActions, e.RowStrategy), Mix(g.ColumnActions, e.ColumnStrategy), $"({e.RowPayoff}, {e.ColumnPayoff})"]);
        sb.Append(Format.Table(["#", "kind", g.Players[0], g.Players[1], "payoffs"], rows));
        if (s.Degenerate)
        {
            sb.Append('\n');
            for (int c = 0; c < s.Components.Count; c++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"component {c + 1}:\n");
                foreach (var subset in s.Components[c].Subsets)
                {
                    string Hull(IReadOnlyList<int> indices, IReadOnlyList<string> actions, IReadOnlyList<IReadOnlyList<Rational>> strategies)
                        => indices.Count == 1 ? $"({Mix(actions, strategies[indices[0]])})"
                            : $"conv{{{string.Join("; ", indices.Select(i => $"({Mix(actions, strategies[i])})"))}}}";
                    sb.Append(CultureInfo.InvariantCulture, $"  {Hull(subset.RowStrategies, g.RowActions, s.RowStrategies)} × {Hull(subset.ColumnStrategies, g.ColumnActions, s.ColumnStrategies)}\n");
                }
            }
        }
        if (!s.IsVerified)
        {
            sb.Append("\nNOT VERIFIED: an equilibrium failed the exact best-response check (please report this game).\n");
        }
        if (g.IsZeroSum)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nzero-sum: value {ZeroSumGame.Solve(g.RowPayoffs.ToArray()).Value} for {g.Players[0]}\n");
        }
        return sb.ToString();
    }

    internal static string Mix(IReadOnlyList<string> actions, IReadOnlyList<Rational> strategy)
        => string.Join(", ", actions.Select((a, i) => (a, strategy[i])).Where(p => !p.Item2.IsZero).Select(p => p.Item2 == Rational.One ? p.a : $"{p.a} {p.Item2}"));

    internal static string TreeJson(GameTree tree, IReadOnlyList<SubgamePerfectEquilibrium> spe) => Format.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "tree");
        w.WriteNumber("count", spe.Count);
        w.WriteStartArray("equilibria");
        foreach (var e in spe)
        {
            w.WriteStartObject();
            w.WriteStartObject("strategy");
            foreach (var (node, action) in e.Strategy.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(node, action);
            }
            w.WriteEndObject();
            w.StringArray("path", e.Path);
            w.WriteStartObject("payoffs");
            for (int p = 0; p < tree.Players.Count; p++)
            {
                w.WriteString(tree.Players[p], e.Payoffs[p].ToString());
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    internal static string TreeTable(GameTree tree, IReadOnlyList<SubgamePerfectEquilibrium> spe)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{spe.Count} subgame-perfect equilibri{(spe.Count == 1 ? "um" : "a")}\n");
        for (int i = 0; i < spe.Count; i++)
        {
            var e = spe[i];
            sb.Append(CultureInfo.InvariantCulture, $"\n{i + 1}. path {string.Join(" → ", e.Path)}; payoffs ({string.Join(", ", e.Payoffs)})\n");
            foreach (var (node, action) in e.Strategy.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                sb.Append(CultureInfo.InvariantCulture, $"   at {node}: {action}\n");
            }
        }
        return sb.ToString();
    }

    internal static void Strategy(Utf8JsonWriter w, string? property, IReadOnlyList<string> actions, IReadOnlyList<Rational> strategy)
    {
        if (property is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(property);
        }
        for (int i = 0; i < actions.Count; i++)
        {
            w.WriteString(actions[i], strategy[i].ToString());
        }
        w.WriteEndObject();
    }
}
