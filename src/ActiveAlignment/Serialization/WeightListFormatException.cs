namespace ActiveAlignment.Serialization;

/// <summary>
/// A <c>NAME=W,NAME=W,...</c> list (or its JSON object form) that cannot be read (<see cref="NamedWeights"/>). The message
/// starts with the option or field the list came from and says how to write it.
/// </summary>
public sealed class WeightListFormatException : InputFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="option">The option or field the list came from (e.g. <c>--target</c>).</param>
    /// <param name="message">The whole message, starting with <paramref name="option"/>.</param>
    public WeightListFormatException(string option, string message)
        : base(option, "", message.StartsWith(option + ": ", StringComparison.Ordinal) ? message[(option.Length + 2)..] : message, message)
    {
    }
}
