using System.Text.Json.Nodes;
using ActiveAlignment.Estimation;
using ActiveAlignment.Serialization;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Tests.Estimation;

/// <summary>
/// An ensemble sweep sharded by replicate through the library (no tool involved): whatever the number of shards, the merged
/// answer is the unsharded one exactly; a tampered or missing shard is refused.
/// </summary>
public class EnsembleShardTests
{
    private static readonly Ensemble Ensemble = EnsembleJson.Read(
        File.ReadAllText(Path.Combine(TestPaths.Samples, "estimation", "traits-ensemble.json")), "traits-ensemble.json");

    private static readonly GridAxis X = GridAxis.Parse("consistency=0.05:2:6");
    private static readonly GridAxis Y = GridAxis.Parse("diversity=0:3:5");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Shards_merge_to_the_unsharded_answer(int shards)
    {
        var options = new SweepOptions { Threshold = 0.05, BoundaryAware = true };
        var whole = EnsembleAnalysis.Sweep(Ensemble, X, Y, options, 0.9);
        var partials = Enumerable.Range(0, shards)
            .Select(i => new KeyValuePair<string, string>($"part-{i}.json", EnsembleAnalysis.RunSweepShard(Ensemble, X, Y, new SweepShard(i, shards), options, 0.9)))
            .ToList();
        var merged = EnsembleAnalysis.MergeSweepShards(partials);
        merged.Replicates.Should().Be(whole.Replicates);
        merged.Point.InteriorPoints.Should().Be(whole.Point.InteriorPoints);
        merged.Point.Boundary!.SolvedPoints.Should().Be(whole.Point.Boundary!.SolvedPoints);
        merged.Groups.Select(g => g.ExclusionArea).Should().Equal(whole.Groups.Select(g => g.ExclusionArea));
        merged.Groups.Select(g => g.ConditionalExclusion).Should().Equal(whole.Groups.Select(g => g.ConditionalExclusion));
        merged.AnyGroup.Should().Be(whole.AnyGroup);
    }

    [Fact]
    public void A_missing_or_tampered_shard_is_refused()
    {
        var options = new SweepOptions { Threshold = 0.05 };
        var partials = Enumerable.Range(0, 2)
            .Select(i => new KeyValuePair<string, string>($"part-{i}.json", EnsembleAnalysis.RunSweepShard(Ensemble, X, Y, new SweepShard(i, 2), options)))
            .ToList();
        var missing = () => EnsembleAnalysis.MergeSweepShards([partials[1]]);
        missing.Should().Throw<PartialFileFormatException>();

        var node = JsonNode.Parse(partials[1].Value)!;
        var replicate = node["replicates"]!.AsObject().First().Value!;
        replicate["counters"]![0] = 1_000_000;
        var tampered = () => EnsembleAnalysis.MergeSweepShards([partials[0], new("part-1.json", node.ToJsonString())]);
        tampered.Should().Throw<PartialFileFormatException>().WithMessage("part-1.json*");
    }
}
