using ActiveAlignment.Populations;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Tests;

/// <summary>The README's population of two agent classes, for the library's and the tool's tests.</summary>
public static class PopulationSamples
{
    /// <summary>
    /// A reasoning-model class (consistent, attractive answers to the centre) and a non-reasoning class (cheaper, leaning to
    /// the extremes) coexist: the README's example.
    /// </summary>
    public static PopulationGame ReasoningExample() => GameJson.ReadPopulation(ReasoningJson, "mixed.json");

    public const string ReasoningJson = """
        {
          "subpopulations": [ { "name": "left", "attractiveness": 0.5 },
                              { "name": "center", "attractiveness": 0.3 },
                              { "name": "right", "attractiveness": 0.2 } ],
          "inconsistency": [[1.0, 0.2, 0.1], [0.2, 0.5, 0.2], [0.1, 0.2, 1.2]],
          "coefficients": { "attractiveness": 1.0, "consistency": 0.5, "diversity": 0.3 },
          "agents": [
            { "name": "reasoning", "count": 3, "coefficients": { "attractiveness": 1.0, "consistency": 1.5, "diversity": 0.3 } },
            { "name": "non-reasoning", "count": 5, "attractiveness": [0.7, 0.1, 0.4] }
          ]
        }
        """;
}
