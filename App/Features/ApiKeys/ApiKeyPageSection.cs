namespace Boltly.Features.ApiKeys;

/// <summary>
/// A section that a higher feature adds to a key's page, below its settings and actions: Usage adds the key's usage and
/// recent requests. ApiKeys knows only this record, so the key's page never depends on the features that read keys.
/// Register one with <c>services.AddSingleton(new ApiKeyPageSection(typeof(TheComponent)))</c>; the page renders each in
/// registration order and passes the key it shows as the component's <see cref="KeyParameter"/> parameter.
/// </summary>
/// <param name="Component">A Razor component with a <c>[Parameter] public ApiKey Key</c>.</param>
public sealed record ApiKeyPageSection(Type Component)
{
    /// <summary>The name of the parameter that receives the key.</summary>
    public const string KeyParameter = "Key";
}
