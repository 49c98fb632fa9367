namespace Boltly.Platform.Http;

/// <summary>Where a request came from, as recorded with security events.</summary>
public sealed record ClientInfo(string? Address, string? UserAgent)
{
    public static readonly ClientInfo Unknown = new(null, null);
}
