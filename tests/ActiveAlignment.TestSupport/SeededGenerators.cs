using ActiveAlignment.TestTimeScaling;

namespace ActiveAlignment.Testing;

/// <summary>Seeded generators shared by the tests and the benchmarks (compiled into both; not part of the library).</summary>
public static class SeededGenerators
{
    /// <summary>BᵀB/K + ridge·I with B uniform in [−½, ½]ᴷˣᴷ: symmetric positive definite.</summary>
    public static double[,] RandomPsd(Random rng, int k, double ridge)
    {
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
            c[i, i] += ridge;
        }
        return c;
    }

    /// <summary>m responses r0..r(m−1) and U user types with random positive weights and random rankings.</summary>
    public static UserPopulation RandomUserPopulation(int seed, int m, int users)
    {
        var rng = new Random(seed);
        var responses = Enumerable.Range(0, m).Select(i => $"r{i}").ToArray();
        var weights = Enumerable.Range(0, users).Select(_ => 0.1 + rng.NextDouble()).ToArray();
        double total = weights.Sum();
        var list = new List<(double, IReadOnlyList<string>)>();
        for (int u = 0; u < users; u++)
        {
            var ranking = responses.ToArray();
            rng.Shuffle(ranking);
            list.Add((weights[u] / total, ranking));
        }
        return UserPopulation.Create(responses, list);
    }
}
