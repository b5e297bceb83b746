using ActiveAlignment.Numerics.Exact;
using ActiveAlignment.Testing;
using ActiveAlignment.Welfare;

namespace ActiveAlignment.Tests.Welfare;

public class WelfareTests
{
    internal const string SixKey = FiniteGameSamples.SixKey;

    internal const string General = FiniteGameSamples.General;

    [Fact]
    public void Decide_SixKeyBlockInDefiniteContext_ChoosesDirectAnswer()
    {
        var game = PayoffGame.Read(SixKey);
        var decision = WelfareAnalysis.Decide(game, WelfareFunction.Parse("sum"), context: "DQ");

        decision.Expected[0].Should().Be(new PayoffPair(R("3.1"), R("3.5")));
        decision.Pareto.Should().Equal(0);
        decision.Decision.Should().Be(0);
        decision.Welfare[0].Should().Be(R("6.6"), "decimal payoffs are exact");
    }

    [Fact]
    public void Decide_VagueContext_ParetoSetAndWeightedWelfare()
    {
        var game = PayoffGame.Read(SixKey);
        var decision = WelfareAnalysis.Decide(game, WelfareFunction.Parse("weighted:0.9"), context: "VQ");

        decision.Pareto.Should().Equal(1, 2); // CQ (3.0, 3.2) and AQ (2.5, 3.4); DA is dominated
        decision.Decision.Should().Be(1);
        WelfareAnalysis.Decide(game, WelfareFunction.Parse("weighted:0.1"), context: "VQ").Decision.Should().Be(2);
    }

    [Fact]
    public void Decide_TiedWelfare_GoesToHigherUserPayoffThenAssistantThenOrder()
    {
        // Sum welfare 5 for all three: (3, 2), (2, 3), (2.5, 2.5); the user payoff breaks the tie.
        var game = PayoffGame.Create(["c"], ["x", "y", "z"], new double[,] { { 3, 2, 2.5 } }, new double[,] { { 2, 3, 2.5 } });
        WelfareAnalysis.Decide(game, WelfareFunction.Parse("sum")).Decision.Should().Be(1);
        // Identical payoffs: the declared order decides.
        var twins = PayoffGame.Create(["c"], ["first", "second"], new double[,] { { 1, 1 } }, new double[,] { { 1, 1 } });
        WelfareAnalysis.Decide(twins, WelfareFunction.Parse("sum")).Decision.Should().Be(0);
        WelfareAnalysis.Decide(twins, WelfareFunction.Parse("sum")).Pareto.Should().Equal(0, 1);
    }

    [Fact]
    public void Decide_NashWithNoQualifyingAction_SaysSo()
    {
        var game = PayoffGame.Create(["c"], ["x", "y"], new double[,] { { -1, 2 } }, new double[,] { { 3, -0.5 } });
        var decision = WelfareAnalysis.Decide(game, WelfareFunction.Parse("nash"));
        decision.Decision.Should().BeNull();
        decision.Status.Should().Be(WelfareStatus.NoQualifyingAction);
        decision.Reason.Should().StartWith("no decision: no Pareto-optimal action gives both players strictly more than the disagreement point");
        decision.Welfare.Should().OnlyContain(w => w == null);
    }

    [Fact]
    public void Decide_PriorAndPrice_UsesExpectedPayoffsMinusCost()
    {
        var game = PayoffGame.Read(General);
        var decision = WelfareAnalysis.Decide(game, WelfareFunction.Parse("egalitarian"), price: R("0.5"));

        decision.Expected[2].Assistant.Should().Be((R("0.6") * R("2.9")) + (R("0.4") * R("2.5")));
        decision.Expected[2].User.Should().Be((R("0.6") * R("3.0")) + (R("0.4") * R("3.4")) - (R("0.5") * R("1.5")));
    }

    [Theory]
    [InlineData("sum")]
    [InlineData("weighted:0.3")]
    [InlineData("egalitarian")]
    [InlineData("nash")]
    [InlineData("nash:1,0.5")]
    public void PriceIntervals_AgreeWithADenseScan(string welfare)
    {
        var game = PayoffGame.Read(General);
        var function = WelfareFunction.Parse(welfare);
        const double maxPrice = 4.0;

        var intervals = WelfareAnalysis.PriceIntervals(game, function, maxPrice);

        intervals[0].From.Should().Be(0);
        intervals[^1].To.Should().Be(maxPrice);
        for (int i = 1; i < intervals.Count; i++)
        {
            intervals[i].From.Should().Be(intervals[i - 1].To);
            intervals[i].Decision.Should().NotBe(intervals[i - 1].Decision);
        }
        for (int s = 0; s <= 20_000; s++)
        {
            double p = maxPrice * s / 20_000;
            if (intervals.Any(iv => Math.Abs(iv.From - p) < 1e-9 || Math.Abs(iv.To - p) < 1e-9))
            {
                continue;
            }
            var expected = intervals.First(iv => p >= iv.From && p <= iv.To).Decision;
            WelfareAnalysis.Decide(game, function, price: Rational.FromDouble(p)).Decision.Should().Be(expected, $"at price {p}");
        }
    }

    [Fact]
    public void PriceIntervals_SumWelfare_BreakpointIsExact()
    {
        // Sum welfare: DA 6.6 − p, AQ 5.9 − 1.5p (context DQ). They never cross on p ≥ 0; CQ: 4.1 − 0.4p crosses DA at p = 2.5/0.6.
        var game = PayoffGame.Read(General);
        var intervals = WelfareAnalysis.PriceIntervals(game, WelfareFunction.Parse("sum"), 10, context: "DQ");
        intervals.Should().HaveCount(2);
        intervals[0].Decision.Should().Be(0);
        intervals[0].ExactTo.Should().Be(new Rational(25, 6), "linear breakpoints are exact");
        intervals[1].Decision.Should().Be(1);
    }

    private static Rational R(string literal) => Rational.TryParse(literal, out var value) ? value : throw new FormatException(literal);

    [Fact]
    public void Decide_OneDecimalPayoffs_ParetoSetIsExact()
    {
        // X = ½(2.2, 1.9) + ½(3.0, 3.2) = (2.6, 2.55) and Y = ½(2.8, 2.9) + ½(2.4, 2.3) = (2.6, 2.6): Y weakly dominates X.
        // In floating point X's first payoff is 2.5999999999999996 and both were listed.
        var game = PayoffGame.Read("""
            { "contexts": ["DQ", "VQ"], "actions": ["X", "Y"],
              "payoffs": { "DQ": { "X": {"assistant": 2.2, "user": 1.9}, "Y": {"assistant": 2.8, "user": 2.9} },
                           "VQ": { "X": {"assistant": 3.0, "user": 3.2}, "Y": {"assistant": 2.4, "user": 2.3} } } }
            """);
        var decision = WelfareAnalysis.Decide(game, WelfareFunction.Parse("sum"));
        decision.Expected[0].Should().Be(new PayoffPair(R("2.6"), R("2.55")));
        decision.Expected[1].Should().Be(new PayoffPair(R("2.6"), R("2.6")));
        decision.Pareto.Should().Equal(1);
        decision.Decision.Should().Be(1);
    }

    [Fact]
    public void Decide_PayoffExactlyAtTheDisagreementPoint_DoesNotQualify()
    {
        // The user's expected payoff is exactly 1.5 = d_u: no action qualifies for the Nash product, and that is said.
        var game = PayoffGame.Read("""
            { "contexts": ["DQ", "VQ"], "actions": ["A"],
              "payoffs": { "DQ": { "A": {"assistant": 2.0, "user": 1.1} }, "VQ": { "A": {"assistant": 2.0, "user": 1.9} } } }
            """);
        var decision = WelfareAnalysis.Decide(game, WelfareFunction.Parse("nash:0,1.5"));
        decision.Expected[0].User.Should().Be(R("1.5"));
        decision.Decision.Should().BeNull();
        decision.Status.Should().Be(WelfareStatus.NoQualifyingAction);
        decision.Welfare[0].Should().BeNull();
    }

    [Fact]
    public void Read_HugeExponent_IsRefusedAtOnceNamingTheField()
    {
        var act = () => PayoffGame.Read(SixKey.Replace("3.1", "1e-1000000000", StringComparison.Ordinal));
        act.Should().Throw<ActiveAlignment.FiniteGames.FiniteGameFormatException>().WithMessage("*DQ_DA.LLM*exponent*2000*");
    }

    [Theory]
    [InlineData("\"VQ_AQ\": {\"LLM\": 2.5, \"user\": 3.4}", "\"VQ_XX\": {\"LLM\": 2.5, \"user\": 3.4}", "payoffs.json: unknown property \"VQ_XX\"*")]
    [InlineData(", \"VQ_AQ\": {\"LLM\": 2.5, \"user\": 3.4}", "", "payoffs.json: missing key \"VQ_AQ\"; the six-key block needs DQ_DA, DQ_CQ, DQ_AQ, VQ_DA, VQ_CQ, VQ_AQ.")]
    [InlineData("\"DQ_CQ\": {\"LLM\": 2.2, \"user\": 1.9}", "\"DQ_CQ\": {\"user\": 1.9}", "payoffs.json: missing required property \"DQ_CQ.LLM\".")]
    [InlineData("\"DQ_CQ\": {\"LLM\": 2.2, \"user\": 1.9}", "\"DQ_CQ\": {\"LLM\": \"high\", \"user\": 1.9}", "payoffs.json: DQ_CQ.LLM must be a finite number, but is the string \"high\".")]
    [InlineData("\"DQ_CQ\": {\"LLM\": 2.2, \"user\": 1.9}", "\"DQ_CQ\": 2.2", "payoffs.json: DQ_CQ must be a JSON object, but is the number 2.2.")]
    public void Read_MalformedSixKeyBlock_NamesTheKey(string from, string to, string message)
    {
        SixKey.Should().Contain(from);
        var act = () => PayoffGame.Read(SixKey.Replace(from, to, StringComparison.Ordinal), "payoffs.json");
        act.Should().Throw<ActiveAlignment.FiniteGames.FiniteGameFormatException>().WithMessage(message);
    }

    [Fact]
    public void Read_GeneralFormWithBadPrior_IsAnError()
    {
        var act = () => PayoffGame.Read(General.Replace("\"VQ\": 0.4", "\"VQ\": 0.5", StringComparison.Ordinal), "payoffs.json");
        act.Should().Throw<ActiveAlignment.FiniteGames.FiniteGameFormatException>().WithMessage("payoffs.json: prior sums to 1.1; it must sum to 1 (within 1e-9).");
    }

    [Theory]
    [InlineData("weighted:1.5")]
    [InlineData("utilitarian")]
    [InlineData("nash:1")]
    public void WelfareFunction_Invalid_Throws(string text)
    {
        var act = () => WelfareFunction.Parse(text);
        act.Should().Throw<FormatException>();
    }
}
