using ActiveAlignment.Estimation;
using ActiveAlignment.Populations;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Tests.Estimation;

public class BootstrapTests
{
    private static readonly string Samples = Path.Combine(TestPaths.RepositoryRoot, "samples", "estimation");

    private static GameEstimate Sample(int replicates, int threads, ulong seed = 1)
    {
        var a = AttractivenessTable.ReadFile(Path.Combine(Samples, "attractiveness.csv"));
        var c = PairTable.ReadFile(Path.Combine(Samples, "inconsistency.csv"), a.Groups);
        return GameEstimator.Estimate(a, c, null, GameEstimator.Template(a.Groups, 6, new(1, 0.5, 0.2)),
            new EstimationOptions { Replicates = replicates, Seed = seed, MaxDegreeOfParallelism = threads });
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_ensembles_whatever_the_thread_count()
    {
        string one = EnsembleJson.Write(Sample(64, 1).Ensemble);
        string many = EnsembleJson.Write(Sample(64, 4).Ensemble);
        many.Should().Be(one);
        EnsembleJson.Write(Sample(64, 2, seed: 2).Ensemble).Should().NotBe(one);
    }

    [Fact]
    public void The_ensemble_round_trips_through_its_file_format()
    {
        var e = Sample(8, 2).Ensemble;
        string text = EnsembleJson.Write(e);
        var back = EnsembleJson.Read(text, "e.json");
        EnsembleJson.Write(back).Should().Be(text);
        back.Bootstrap.Should().Be(e.Bootstrap);
        back.Replicates.Should().HaveCount(8);
        text.Should().StartWith("{\n  \"format\": \"active-alignment-ensemble/1\"");
    }

    [Fact]
    public void Point_estimates_equal_an_independent_computation_from_the_rows()
    {
        var rows = File.ReadAllLines(Path.Combine(Samples, "attractiveness.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var e = Sample(0, 1);
        for (int k = 0; k < e.Groups.Count; k++)
        {
            var values = rows.Where(r => r[1] == e.Groups[k]).Select(r => double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            e.Attractiveness[k].Should().BeApproximately(values.Average(), 1e-12);
        }
        var pairs = File.ReadAllLines(Path.Combine(Samples, "inconsistency.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        for (int i = 0; i < e.Groups.Count; i++)
        {
            for (int j = 0; j < e.Groups.Count; j++)
            {
                var scores = pairs.Where(r => (r[1] == e.Groups[i] && r[2] == e.Groups[j]) || (r[1] == e.Groups[j] && r[2] == e.Groups[i]))
                    .Select(r => double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                e.Inconsistency[i, j].Should().BeApproximately(scores.Average(), 1e-12);
            }
        }
    }

    [Fact]
    public void A_draw_that_misses_a_group_is_redrawn_and_counted()
    {
        // Group y appears in one unit of ten: about a third of draws miss it and must be redrawn.
        string csv = "unit,group,value\n" + string.Concat(Enumerable.Range(0, 9).Select(i => $"u{i},x,{i}\n")) + "u9,y,5\n";
        var a = AttractivenessTable.Read(new StringReader(csv));
        var c = PairTable.Read(new StringReader("prompt,group_a,group_b,score\np,x,x,1\np,x,y,0\np,y,y,1\n"), a.Groups);
        var e = GameEstimator.Estimate(a, c, null, GameEstimator.Template(a.Groups, 2, new(1, 1, 0)), new EstimationOptions { Replicates = 200 });
        e.Ensemble.Bootstrap.Redrawn.Should().BeGreaterThan(30);
        e.Ensemble.Replicates.Should().OnlyContain(r => r.Subpopulations[1].Attractiveness == 5.0);
        e.AttractivenessStandardError[1].Should().Be(0);
    }

    [Fact]
    public void A_template_population_keeps_its_class_overrides_and_takes_the_shared_a_and_c()
    {
        var a = AttractivenessTable.Read(new StringReader("group,value\nright,1\ncenter,2\nleft,3\n"));
        var c = PairTable.Read(new StringReader("prompt,group_a,group_b,score\n" + string.Join("\n",
            from i in a.Groups from j in a.Groups select $"p,{i},{j},{(i == j ? 1 : 0.1)}") + "\n"), a.Groups);
        var template = GameJson.ReadPopulation(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "mixed-population.json")));
        var e = GameEstimator.Estimate(a, c, null, template, new EstimationOptions { Replicates = 3 });
        var p = e.Ensemble.Point;
        p.Names.Should().Equal("right", "center", "left");
        p.Subpopulations.Select(s => s.Attractiveness).Should().Equal(1, 2, 3);
        var own = template.Classes.First(k => k.HasOwnAttractiveness);
        var ownNow = p.Classes.First(k => k.Name == own.Name);
        ownNow.Attractiveness.ToArray().Should().Equal(own.Attractiveness[2], own.Attractiveness[1], own.Attractiveness[0]);
        p.Classes.Select(k => k.Count).Should().Equal(template.Classes.Select(k => k.Count));
    }

    [Fact]
    public void A_template_with_other_groups_is_refused_by_name()
    {
        var a = AttractivenessTable.Read(new StringReader("group\nx\ny\n"));
        var c = PairTable.Read(new StringReader("prompt,group_a,group_b,score\np,x,x,1\np,x,y,0\np,y,y,1\n"), a.Groups);
        var template = GameEstimator.Template(["x", "z"], 2, new(1, 1, 0));
        var act = () => GameEstimator.Estimate(a, c, null, template, new EstimationOptions { Replicates = 0 });
        act.Should().Throw<ArgumentException>().WithMessage("*missing from the template: y; not in the tables: z*");
    }

    [Fact]
    public void The_shipped_sample_ensemble_is_exactly_what_estimate_writes()
    {
        var e = Sample(200, 2).Ensemble;
        File.ReadAllText(Path.Combine(Samples, "traits-ensemble.json")).Should().Be(EnsembleJson.Write(e));
        File.ReadAllText(Path.Combine(Samples, "traits.json")).Should().Be(GameJson.Write(e.PointGame));
    }
}
