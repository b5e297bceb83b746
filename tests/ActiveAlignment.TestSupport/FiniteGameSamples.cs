namespace ActiveAlignment.Testing;

/// <summary>Finite-game inputs shared by the library tests and the command-line tests (compiled into both).</summary>
public static class FiniteGameSamples
{
    public const string SixKey = """
        { "DQ_DA": {"LLM": 3.1, "user": 3.5}, "DQ_CQ": {"LLM": 2.2, "user": 1.9}, "DQ_AQ": {"LLM": 2.9, "user": 3.0},
          "VQ_DA": {"LLM": 2.0, "user": 1.8}, "VQ_CQ": {"LLM": 3.0, "user": 3.2}, "VQ_AQ": {"LLM": 2.5, "user": 3.4} }
        """;

    public const string General = """
        { "contexts": ["DQ", "VQ"], "actions": ["DA", "CQ", "AQ"],
          "payoffs": { "DQ": { "DA": {"assistant": 3.1, "user": 3.5}, "CQ": {"assistant": 2.2, "user": 1.9}, "AQ": {"assistant": 2.9, "user": 3.0} },
                       "VQ": { "DA": {"assistant": 2.0, "user": 1.8}, "CQ": {"assistant": 3.0, "user": 3.2}, "AQ": {"assistant": 2.5, "user": 3.4} } },
          "prior": { "DQ": 0.6, "VQ": 0.4 },
          "cost": { "DA": 1.0, "CQ": 0.4, "AQ": 1.5 },
          "payer": "user" }
        """;

    public const string Example = """
        { "responses": ["concise", "detailed", "clarify"],
          "users": [ { "weight": 0.4, "ranking": ["concise", "detailed", "clarify"] },
                     { "weight": 0.6, "ranking": ["detailed", "clarify", "concise"] } ] }
        """;
}
