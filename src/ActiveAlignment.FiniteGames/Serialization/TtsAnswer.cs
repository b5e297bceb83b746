using System.Globalization;
using System.Text;
using ActiveAlignment.TestTimeScaling;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of a command, written by the library (the tool only prints them).</summary>
internal static class TtsAnswer
{
    internal static string Json(UserPopulation pop, MaximalLotteryResult lottery, List<(int K, double Nlhf, SymmetricEquilibrium Eq)> rows) => Format.Json(w =>
    {
        w.WriteStartObject();
        w.StringArray("responses", pop.Responses);
        w.NamedVector("maximalLottery", pop.Responses, lottery.PolicyAsDoubles());
        w.WriteStartObject("maximalLotteryExact");
        for (int y = 0; y < pop.Count; y++)
        {
            w.WriteString(pop.Responses[y], lottery.Policy[y].ToString());
        }
        w.WriteEndObject();
        w.WriteStartArray("rows");
        foreach (var (k, nlhf, eq) in rows)
        {
            w.WriteStartObject();
            w.WriteNumber("k", k);
            w.WriteNumber("bound", eq.Bound);
            w.WriteNumber("nlhf", nlhf);
            w.WriteNumber("equilibrium", eq.RobustRate);
            w.WriteNumber("exploitability", eq.Exploitability);
            w.WriteBoolean("refined", eq.Refined);
            w.WriteBoolean("certified", eq.IsCertified);
            w.WriteNumber("selfPlayAverageRegret", eq.SelfPlay.RegretTrace[^1].AverageRegret);
            w.NamedVector("policy", pop.Responses, eq.Policy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    internal static string Table(UserPopulation pop, MaximalLotteryResult lottery, List<(int K, double Nlhf, SymmetricEquilibrium Eq)> rows)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{pop.Count} responses, {pop.Users.Count} user types\n");
        sb.Append(CultureInfo.InvariantCulture, $"maximal lottery (NLHF): {string.Join(", ", pop.Responses.Select((r, y) => $"{r} {lottery.Policy[y]}"))}\n\n");
        var header = new List<string> { "k", "bound k/(k+1)", "NLHF f_k", "equilibrium f_k", "ε" };
        header.AddRange(pop.Responses.Select(r => $"π({r})"));
        var table = rows.Select(r =>
        {
            var row = new List<string> { r.K.ToString(CultureInfo.InvariantCulture), Format.Fixed(r.Eq.Bound, 4), Format.Fixed(r.Nlhf, 4), Format.Fixed(r.Eq.RobustRate, 4), Format.Number(r.Eq.Exploitability, 2) };
            row.AddRange(r.Eq.Policy.Select(p => Format.Fixed(p, 4)));
            return (IReadOnlyList<string>)row;
        });
        sb.Append(Format.Table(header, table));
        var uncertified = rows.Where(r => !r.Eq.IsCertified).Select(r => r.K.ToString(CultureInfo.InvariantCulture)).ToList();
        if (uncertified.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nNOT CERTIFIED at k = {string.Join(", ", uncertified)}: ε exceeds {Format.Number(SymmetricEquilibrium.CertificationTolerance)}, so that row's policy is only approximate and its \"equilibrium f_k\" is not the equilibrium rate.\n");
        }
        return sb.ToString();
    }
}
