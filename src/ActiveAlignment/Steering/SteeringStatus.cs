namespace ActiveAlignment.Steering;

/// <summary>The outcome of a steering question (<see cref="MinimumDiversityResult"/>, <see cref="SubsidyResult"/>).</summary>
public enum SteeringStatus
{
    /// <summary>A change of incentives that represents every group (or reaches the target) was found.</summary>
    Found,

    /// <summary>Every group is represented already; nothing needs to change (minimum diversity only).</summary>
    AlreadyRepresented,

    /// <summary>No such change exists, or the question does not apply; the result's reason says which and why.</summary>
    NotFound,
}
