namespace Boltly.Platform.OpenApi;

/// <summary>
/// An operation that takes no credential but answers 401 for a reason of its own (a signed body whose signature does
/// not verify): the OpenAPI document describes that 401 in these words, with <paramref name="message"/> as its example.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DocumentedUnauthorizedAttribute(string description, string message) : Attribute
{
    public string Description { get; } = description;

    public string Message { get; } = message;
}
