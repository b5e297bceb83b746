namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// The built-in demo games. ILLUSTRATIVE NUMBERS: chosen to show the model's behaviour, not estimated from any data.
/// </summary>
internal static class DemoGames
{
    /// <summary>Three ideological groups: the worked example of docs/model.md#worked-example (every group represented).</summary>
    public static AlignmentGame Ideological() => AlignmentGame.Create(
        ["left", "center", "right"],
        [0.5, 0.3, 0.2],
        new double[,] { { 1.0, 0.2, 0.1 }, { 0.2, 0.5, 0.2 }, { 0.1, 0.2, 1.2 } },
        4,
        new IncentiveCoefficients(1.0, 0.5, 0.3));

    /// <summary>Five personality traits: neuroticism is unattractive and costly to represent consistently, and is excluded.</summary>
    public static AlignmentGame Personality() => AlignmentGame.Create(
        ["openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"],
        [0.50, 0.35, 0.60, 0.40, 0.05],
        new double[,]
        {
            { 0.80, 0.15, 0.10, 0.10, 0.30 },
            { 0.15, 0.60, 0.20, 0.15, 0.35 },
            { 0.10, 0.20, 0.90, 0.10, 0.30 },
            { 0.10, 0.15, 0.10, 0.50, 0.25 },
            { 0.30, 0.35, 0.30, 0.25, 1.50 },
        },
        6,
        new IncentiveCoefficients(1.0, 0.5, 0.2));
}
