namespace ActiveAlignment.Tests;

/// <summary>The README's three-group game as JSON, for the library's and the tool's tests.</summary>
public static class GameSamples
{
    public const string Example = """
        {
          "subpopulations": [ { "name": "left", "attractiveness": 0.5 },
                              { "name": "center", "attractiveness": 0.3 },
                              { "name": "right", "attractiveness": 0.2 } ],
          "inconsistency": [[1.0, 0.2, 0.1], [0.2, 0.5, 0.2], [0.1, 0.2, 1.2]],
          "similarity": null,
          "agents": 4,
          "coefficients": { "attractiveness": 1.0, "consistency": 0.5, "diversity": 0.3 }
        }
        """;
}
