using System.Security.Claims;
namespace Boltly.Platform.Auth;

/// <summary>
/// The request's <see cref="Caller"/>, read from its principal once and reused by the rate limiter,
/// authorization and the controller (every API call asks at least three times). Re-read if the
/// principal was replaced.
/// </summary>
public static class CallerHttpContextExtensions
{
    public static Caller? GetCaller(this HttpContext context)
    {
        var user = context.User;
        if (context.Features.Get<CallerFeature>() is { } known && ReferenceEquals(known.Principal, user)) return known.Caller;
        var caller = Caller.From(user);
        context.Features.Set(new CallerFeature(user, caller));
        return caller;
    }

    private sealed record CallerFeature(ClaimsPrincipal Principal, Caller? Caller);
}
