using System.CommandLine;
using System.Globalization;
using System.Text;
using ActiveAlignment.TestTimeScaling;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment tts POPULATION [--k 1,2,5,10] [--json]</c>: per k, the bound k/(k+1), f_k of the maximal lottery (NLHF),
/// and f_k and ε of the symmetric equilibrium of the (k+1)-player alignment game, with both policies.
/// </summary>
internal static class TtsCommand
{
    public static Command Create(CommandContext context)
    {
        var population = new Argument<string>("POPULATION") { Description = "Path of a JSON population file (responses and ranked user types), or - for standard input." };
        var ks = new Option<string>("--k") { Description = "Comma-separated numbers of shown responses k ≥ 1.", DefaultValueFactory = _ => "1,2,5,10" };
        var json = CommandContext.JsonOption();
        var command = new Command("tts",
            "Test-time-scaling alignment: how often does a model that shows k responses beat every single-output competitor? Compares " +
            "the optimum k/(k+1), reached by the symmetric equilibrium of the (k+1)-player alignment game, with the NLHF baseline " +
            "(the maximal lottery).\n\nExample: active-alignment tts samples/population.json --k 1,2,5,10")
        {
            population, ks, json,
        };
        command.SetAction(parse =>
        {
            var values = ParseKs(parse.GetValue(ks)!);
            string text = GameInput.ReadText(parse.GetValue(population)!, context.Console, out string label);
            var pop = UserPopulation.Read(text, label);
            var lottery = MaximalLottery.Compute(pop);
            var nl = lottery.PolicyAsDoubles();
            var rows = values.Select(k => (K: k, Nlhf: KSampleShares.RobustRate(pop, nl, k), Eq: AlignmentEquilibrium.Solve(pop, k))).ToList();
            context.Buffer.Write(parse.GetValue(json) ? Json(pop, lottery, rows) : Table(pop, lottery, rows));
            return 0;
        });
        return command;
    }

    private static List<int> ParseKs(string text)
    {
        var result = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0)
            {
                throw new CliException($"--k {text}: an empty item; give comma-separated integers between 1 and 10000, e.g. --k 1,2,5,10.");
            }
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 1 || k > 10_000)
            {
                throw new CliException($"--k: '{part}' is not an integer between 1 and 10000.");
            }
            result.Add(k);
        }
        return result.Count > 0 ? result : throw new CliException("--k: give at least one k, e.g. --k 1,2,5,10.");
    }

    private static string Json(UserPopulation pop, MaximalLotteryResult lottery, List<(int K, double Nlhf, SymmetricEquilibrium Eq)> rows) => Format.Json(w =>
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

    private static string Table(UserPopulation pop, MaximalLotteryResult lottery, List<(int K, double Nlhf, SymmetricEquilibrium Eq)> rows)
    {
        var sb = new StringBuilder();
        sb.Append($"{pop.Count} responses, {pop.Users.Count} user types\n");
        sb.Append($"maximal lottery (NLHF): {string.Join(", ", pop.Responses.Select((r, y) => $"{r} {lottery.Policy[y]}"))}\n\n");
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
            sb.Append($"\nNOT CERTIFIED at k = {string.Join(", ", uncertified)}: ε exceeds {Format.Number(SymmetricEquilibrium.CertificationTolerance)}, so that row's policy is only approximate and its \"equilibrium f_k\" is not the equilibrium rate.\n");
        }
        return sb.ToString();
    }
}
