namespace Boltly.Platform.OpenApi;

/// <summary>
/// Marks one shape of a response that has several for the same status (several
/// <c>[ProducesResponseType]</c> with one status code): the document describes that response as
/// <c>oneOf</c> the shapes, told apart by the string property <see cref="Property"/>, which each shape
/// carries with its own <see cref="Value"/>. Client generators (Kiota, NSwag) pick the type from it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DiscriminatorValueAttribute(string property, string value) : Attribute
{
    public string Property { get; } = property;
    public string Value { get; } = value;
}
