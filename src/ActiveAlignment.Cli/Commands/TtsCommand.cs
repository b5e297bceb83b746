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
            context.Buffer.Write(parse.GetValue(json) ? TtsAnswer.Json(pop, lottery, rows) : TtsAnswer.Table(pop, lottery, rows));
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
}
