namespace Boltly.Platform.OpenApi;

/// <summary>
/// The operationId of an action reachable under several routes (a controller with an alias
/// <c>[Route]</c>). <c>[EndpointName]</c> would give every route's endpoint the same name, and ASP.NET
/// Core refuses every link lookup by name while two endpoints share one. The first <c>[Route]</c> of the
/// controller gets this id; each further route's operation gets it with <see cref="AliasSuffix"/>.
/// Every other action uses <c>[EndpointName]</c> (docs/openapi.md).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OperationIdAttribute(string id) : Attribute
{
    public const string AliasSuffix = "ViaAlias";
    public string Id { get; } = id;
}
