using Microsoft.AspNetCore.Mvc.Filters;

namespace Boltly.Platform.Idempotency;

/// <summary>
/// POST actions of the marked controller honour an <c>Idempotency-Key</c> header (see <see cref="IdempotencyFilter"/>).
/// Not for endpoints whose response carries a secret: the response is stored to be replayed.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute, IFilterFactory
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => serviceProvider.GetRequiredService<IdempotencyFilter>();
}
