namespace ActiveAlignment.Benchmarks;

/// <summary>Seeded games for the benchmarks: C = BᵀB/K + ridge·I (own concavity holds), S = I.</summary>
internal static class BenchmarkGames
{
    public static AlignmentGame Create(int k, double attractivenessSpread, int seed = 12345)
    {
        var rng = new Random(seed);
        var names = Enumerable.Range(0, k).Select(i => $"g{i}").ToArray();
        var a = Enumerable.Range(0, k).Select(_ => attractivenessSpread * rng.NextDouble()).ToArray();
        var b = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                b[i, j] = rng.NextDouble() - 0.5;
            }
        }
        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += b[p, i] * b[p, j];
                }
                c[i, j] = c[j, i] = sum / k;
            }
            c[i, i] += 0.5;
        }
        return AlignmentGame.Create(names, a, c, 10, new IncentiveCoefficients(1.0, 0.5, 0.3));
    }
}
