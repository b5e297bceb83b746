namespace ActiveAlignment.Benchmarks;

/// <summary>Seeded games for the benchmarks: C = BᵀB/K + ridge·I (own concavity holds), S = I.</summary>
internal static class BenchmarkGames
{
    public static AlignmentGame Create(int k, double attractivenessSpread, int seed = 12345)
    {
        var rng = new Random(seed);
        var names = Enumerable.Range(0, k).Select(i => $"g{i}").ToArray();
        var a = Enumerable.Range(0, k).Select(_ => attractivenessSpread * rng.NextDouble()).ToArray();
        var c = Testing.SeededGenerators.RandomPsd(rng, k, 0.5);
        return AlignmentGame.Create(names, a, c, 10, new IncentiveCoefficients(1.0, 0.5, 0.3));
    }
}
