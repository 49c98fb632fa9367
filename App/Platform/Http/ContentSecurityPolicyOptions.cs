namespace Boltly.Platform.Http;

/// <summary>What a feature adds to the dashboard's Content-Security-Policy.</summary>
public sealed class ContentSecurityPolicyOptions
{
    /// <summary>Inline event handlers (an <c>onclick</c> of a statically rendered page, where there is no
    /// circuit), each allowed by the hash of its exact text ('unsafe-hashes'): any other handler is refused.</summary>
    public List<string> InlineEventHandlers { get; } = [];
}
