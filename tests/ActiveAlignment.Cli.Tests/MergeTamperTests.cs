using System.Text.Json;
using System.Text.Json.Nodes;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Tests.Cli;

/// <summary>
/// <c>merge</c> trusts nothing it reads: valid partials mutated field by field are refused with exit 2 and a short message,
/// or (where the mutation keeps every invariant) merge to an answer whose figures are still possible. The check of the
/// answer is independent of the invariants merge applies: it reads the merged JSON only.
/// </summary>
public class MergeTamperTests
{
    private static readonly string Game = Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json");
    private static readonly string Ensemble = Path.Combine(TestPaths.RepositoryRoot, "samples", "estimation", "traits-ensemble.json");

    private static string[] Sweep(params string[] extra) =>
        ["sweep", Game, "--x", "consistency=0.05:2:7", "--y", "diversity=0:3:6", "--threshold", "0.2", "--boundary", .. extra];

    private static (TempDir Dir, string[] Paths) Partials()
    {
        var dir = new TempDir();
        var paths = new string[2];
        for (int i = 0; i < 2; i++)
        {
            paths[i] = dir.Combine($"p{i}.json");
            CliRun.Of(Sweep("--shard", $"{i}/2", "--partial", paths[i])).ExitCode.Should().Be(0);
        }
        return (dir, paths);
    }

    private static CliRun MergeWith(TempDir dir, string[] paths, Action<JsonObject> mutate)
    {
        var node = JsonNode.Parse(File.ReadAllText(paths[0]))!.AsObject();
        mutate(node);
        string tampered = dir.File("tampered.json", node.ToJsonString());
        return CliRun.Of("merge", tampered, paths[1], "--json");
    }

    /// <summary>What any merged answer must satisfy, read from its JSON alone.</summary>
    private static void ShouldBePossible(JsonElement answer)
    {
        long points = answer.GetProperty("points").GetInt64();
        long interior = answer.GetProperty("interiorPoints").GetInt64();
        interior.Should().BeInRange(0, points);
        foreach (var property in answer.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number && property.Name.EndsWith("Points", StringComparison.Ordinal))
            {
                property.Value.GetInt64().Should().BeInRange(0, points, property.Name);
            }
        }
        foreach (var group in answer.GetProperty("groups").EnumerateObject().Select(p => p.Value).Append(answer.GetProperty("anyGroup")))
        {
            group.GetProperty("excluded").GetInt64().Should().BeInRange(0, interior);
            group.GetProperty("exclusionArea").GetDouble().Should().BeInRange(0, 1);
            if (group.GetProperty("conditionalExclusion").ValueKind == JsonValueKind.Number)
            {
                group.GetProperty("conditionalExclusion").GetDouble().Should().BeInRange(0, 1);
            }
        }
    }

    [Fact]
    public void Every_counter_raised_lowered_or_maximised_is_refused_or_still_possible()
    {
        var (dir, paths) = Partials();
        using var _ = dir;
        var whole = CliRun.Of(Sweep("--json"));
        int count = JsonNode.Parse(File.ReadAllText(paths[0]))!["counters"]!.AsArray().Count;
        int refused = 0;
        foreach (int c in Enumerable.Range(0, count))
        {
            foreach (Func<long, long> change in new Func<long, long>[] { v => v + 1, v => v - 1, _ => long.MaxValue, v => v + 1000 })
            {
                var run = MergeWith(dir, paths, node =>
                {
                    var counters = node["counters"]!.AsArray();
                    counters[c] = change(counters[c]!.GetValue<long>());
                });
                run.ExitCode.Should().BeOneOf([0, 2], run.Error);
                if (run.ExitCode == 2)
                {
                    refused++;
                    run.Error.Should().Contain("tampered.json").And.Match(e => e.Length < 400);
                }
                else
                {
                    ShouldBePossible(run.Json());
                    run.Out.Should().NotBe(whole.Out, "a counter changed, so the answer differs");
                }
            }
        }
        refused.Should().BeGreaterThan(3 * count, "every maximised or +1000 counter and most ±1 break an invariant");
    }

    [Theory]
    [InlineData("threshold 5", "threshold")]
    [InlineData("threshold 0", "threshold")]
    [InlineData("short hash", "SHA-256")]
    [InlineData("numeric format", "not a partial sweep file")]
    [InlineData("shard 5 of 2", "index")]
    [InlineData("zero shards", "count")]
    [InlineData("more shards than rows", "outside [0, 7]")]
    [InlineData("provenance threshold", "provenance contradicts")]
    [InlineData("provenance axis", "provenance contradicts")]
    [InlineData("provenance boundary", "provenance contradicts")]
    [InlineData("no boundary, boundary counts", "did not solve boundary points")]
    [InlineData("equal axes", "both axes")]
    public void Tampered_definitions_are_refused_with_a_short_message(string mutation, string pattern)
    {
        var (dir, paths) = Partials();
        using var _ = dir;
        var run = MergeWith(dir, paths, node =>
        {
            switch (mutation)
            {
                case "threshold 5": node["sweep"]!["threshold"] = 5; break;
                case "threshold 0": node["sweep"]!["threshold"] = 0; break;
                case "short hash": node["game"]!["sha256"] = "abc"; break;
                case "numeric format": node["format"] = 1; break;
                case "shard 5 of 2": node["shard"]!["index"] = 5; break;
                case "zero shards": node["shard"]!["count"] = 0; break;
                case "more shards than rows": node["shard"]!["count"] = int.MaxValue; break;
                case "provenance threshold": node["provenance"]!["options"]!["threshold"] = "0.3"; break;
                case "provenance axis": node["provenance"]!["options"]!["x"] = "consistency=0.05:2:8"; break;
                case "provenance boundary": node["provenance"]!["options"]!["boundary"] = false; break;
                case "no boundary, boundary counts": node["sweep"]!["boundary"] = false; break;
                case "equal axes": node["sweep"]!["y"] = "consistency=0:3:6"; break;
            }
        });
        run.ShouldFailWith(2, $"*{pattern}*");
        run.Error.Length.Should().BeLessThan(400);
    }

    [Fact]
    public void A_reindented_partial_merges_and_a_huge_shard_count_is_refused_at_once()
    {
        var (dir, paths) = Partials();
        using var _ = dir;
        var whole = CliRun.Of(Sweep("--json"));
        string reindented = dir.File("re.json", JsonNode.Parse(File.ReadAllText(paths[0]))!.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        var merged = CliRun.Of("merge", reindented, paths[1], "--json");
        merged.ExitCode.Should().Be(0, merged.Error);
        merged.Out.Should().Be(whole.Out);
        string huge = dir.Combine("huge.json");
        CliRun.Of(Sweep("--shard", "0/2147483647", "--partial", huge)).ExitCode.Should().Be(0, "a job array may have more tasks than rows");
        CliRun.Of("merge", huge).ShouldFailWith(2, "*2147483646 of 2147483647*");
    }

    [Fact]
    public void Missing_shards_of_a_large_count_are_named_briefly()
    {
        var partials = Enumerable.Range(0, 3).Select(i => SweepPartial.Create(["a", "b"], GridAxis.Parse("consistency=0.1:1:2"),
            GridAxis.Parse("diversity=0:1:1000000"), 0.1, false, true, new SweepShard(i, 1_000_000), SweepCounters.FromList(2, Fill(new long[SweepPartial.CounterCount(2)], 2)))).ToList();
        var act = () => ExclusionSweep.Merge(partials);
        act.Should().Throw<ArgumentException>().Where(e => e.Message.Length < 300 && e.Message.Contains("999997 of 1000000", StringComparison.Ordinal));
    }

    private static long[] Fill(long[] t, long points)
    {
        t[4] = points; // K = 2: every point without an interior equilibrium
        return t;
    }

    [Theory]
    [InlineData("replicate 999")]
    [InlineData("replicate of another shard")]
    [InlineData("replicate dropped")]
    [InlineData("shard 5 of 3")]
    [InlineData("zero shards")]
    [InlineData("raised counter")]
    [InlineData("point on shard 1")]
    [InlineData("provenance confidence")]
    public void Tampered_ensemble_partials_are_refused(string mutation)
    {
        using var dir = new TempDir();
        string[] sweep = ["sweep", "--ensemble", Ensemble, "--x", "consistency=0.05:2:5", "--y", "diversity=0:3:4", "--threshold", "0.05"];
        var paths = Enumerable.Range(0, 3).Select(i => dir.Combine($"e{i}.json")).ToArray();
        for (int i = 0; i < 3; i++)
        {
            CliRun.Of([.. sweep, "--shard", $"{i}/3", "--partial", paths[i]]).ExitCode.Should().Be(0);
        }
        var node = JsonNode.Parse(File.ReadAllText(paths[1]))!.AsObject();
        var replicates = node["replicates"]!.AsObject();
        string firstKey = replicates.First().Key;
        switch (mutation)
        {
            case "replicate 999":
                var moved = replicates[firstKey]!.DeepClone();
                replicates.Remove(firstKey);
                replicates["999"] = moved;
                break;
            case "replicate of another shard":
                replicates["0"] = replicates[firstKey]!.DeepClone();
                break;
            case "replicate dropped":
                replicates.Remove(firstKey);
                break;
            case "shard 5 of 3": node["shard"]!["index"] = 5; break;
            case "zero shards": node["shard"]!["count"] = 0; break;
            case "raised counter": replicates[firstKey]!["counters"]![0] = 1_000_000; break;
            case "point on shard 1": node["point"] = JsonNode.Parse(File.ReadAllText(paths[0]))!["point"]!.DeepClone(); break;
            case "provenance confidence": node["provenance"]!["options"]!["confidence"] = 0.5; break;
        }
        string tampered = dir.File("tampered.json", node.ToJsonString());
        var run = CliRun.Of("merge", paths[0], tampered, paths[2], "--json");
        run.ShouldFailWith(2, "*tampered.json*");
        run.Error.Length.Should().BeLessThan(400);
        CliRun.Of("merge", paths[0], paths[1], paths[2], paths[1]).ShouldFailWith(2, "*more than once*");
    }
}
