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

        decision.Expected[0].Should().Be(new PayoffPair(3.1, 3.5));
        decision.Pareto.Should().Equal(0);
        decision.Decision.Should().Be(0);
        decision.Welfare[0].Should().BeApproximately(6.6, 1e-15);
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
        decision.Reason.Should().StartWith("no Pareto-optimal action gives both players more than the disagreement point");
        decision.Welfare.Should().OnlyContain(w => w == null);
    }

    [Fact]
    public void Decide_PriorAndPrice_UsesExpectedPayoffsMinusCost()
    {
        var game = PayoffGame.Read(General);
        var decision = WelfareAnalysis.Decide(game, WelfareFunction.Parse("egalitarian"), price: 0.5);

        decision.Expected[2].Assistant.Should().BeApproximately((0.6 * 2.9) + (0.4 * 2.5), 1e-15);
        decision.Expected[2].User.Should().BeApproximately((0.6 * 3.0) + (0.4 * 3.4) - (0.5 * 1.5), 1e-15);
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
            WelfareAnalysis.Decide(game, function, price: p).Decision.Should().Be(expected, $"at price {p}");
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
        intervals[0].To.Should().BeApproximately(2.5 / 0.6, 1e-12);
        intervals[1].Decision.Should().Be(1);
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
