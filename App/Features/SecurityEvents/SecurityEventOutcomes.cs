namespace Boltly.Features.SecurityEvents;

public static class SecurityEventOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Blocked = "blocked";
}
