using System.CommandLine;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Cli.Commands;

/// <summary><c>active-alignment demo [--out DIR]</c>: solves two built-in games; needs nothing but the repository.</summary>
internal static class DemoCommand
{
    public static Command Create(CommandContext context)
    {
        var output = new Option<string>("--out")
        {
            Description = "Directory for the demo's figures (created if missing).",
            DefaultValueFactory = _ => "demo-output",
            HelpName = "DIR",
        };
        var command = new Command("demo",
            "Solve two built-in games with illustrative numbers (three ideological groups; five personality traits) and print both " +
            "equilibria.\n\nExample: active-alignment demo --out demo-output")
        {
            output,
        };
        command.SetAction(parse =>
        {
            var w = context.Buffer;
            w.Write("ActiveAlignment demo. The numbers below are ILLUSTRATIVE, chosen to show the model, not estimated from data.\n\n");
            var ideological = EquilibriumSolver.Solve(DemoGames.Ideological());
            w.Write(AnswerText.Table(ideological, 0.01, "the ideological game (left, center, right)"));
            w.Write('\n');
            var personality = EquilibriumSolver.Solve(DemoGames.Personality());
            w.Write(AnswerText.Table(personality, 0.01, "the personality game (five traits)"));
            w.Write('\n');
            string directory = parse.GetValue(output)!;
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--out {directory}: cannot create the directory ({e.Message}).");
            }
            string png = Path.Combine(directory, "ideological-exclusion.png");
            var run = SweepCommand.Run(context, DemoGames.Ideological(), GridAxis.Parse("consistency=0.01:0.6:240"),
                GridAxis.Parse("diversity=0:1:240"), 0.05, boundary: false, csvPath: null, pngPath: png, focal: "right");
            w.Write(SweepAnswer.Table(run.Summary, run));
            string report = Path.Combine(directory, "report.html");
            string html = Plotting.AuditReport.Render("personality traits (demo)", DemoGames.Personality(), new Plotting.AuditReportOptions
            {
                Threshold = 0.05,
                Title = "Audit report: five personality traits (demo, illustrative numbers)",
                Provenance = ReportCommand.Provenance(parse, context),
                CancellationToken = context.Cancellation,
            });
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(html);
            AtomicFile.Write(context, report, "--out", s => s.Write(bytes));
            w.Write($"wrote {report} (an audit report of the personality game; open it in a browser)\n");
            return 0;
        });
        return command;
    }
}
