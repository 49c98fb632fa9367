using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Passkeys;

/// <summary>
/// The browser's side of the WebAuthn ceremonies (docs/passkeys.md): options for creating a passkey, for signing in
/// and for re-authenticating, and the re-authentication itself. Each is a POST with the page's antiforgery token in
/// the <c>RequestVerificationToken</c> header, because issuing options writes Identity's short-lived passkey cookie.
/// Not part of the <c>/v1</c> API (not in the OpenAPI document); errors are the contract's JSON.
/// </summary>
public static class PasskeyEndpoints
{
    public const string CreationOptionsPath = "/account/passkeys/creation-options";
    public const string SignInOptionsPath = "/account/passkeys/sign-in-options";
    public const string ReauthenticationOptionsPath = "/account/passkeys/reauthentication-options";
    public const string ReauthenticatePath = "/account/passkeys/reauthenticate";

    public static IEndpointRouteBuilder MapPasskeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous to the authorization middleware (whose refusal would be a redirect to the sign-in page): each
        // endpoint that needs a signed-in user checks the dashboard cookie itself and answers 401 as JSON. Nothing is
        // bound from the body by the framework: each endpoint checks antiforgery first, then reads the body itself
        // (PasskeyRequestBody), so a malformed one is the contract's JSON error.
        var group = endpoints.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        group.MapPost(CreationOptionsPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn,
            CallerResolver callers, PasskeyService passkeys, IOptions<PasskeyOptions> options) =>
        {
            if (await RefusedAsync(context, antiforgery) is { } refused) return refused;
            if (await SignedInUserAsync(context, signIn) is not { } user) return Unauthorized();
            if ((await PasskeyRequestBody.ReadAsync<PasskeyOptionsRequest>(context, options.Value.MaxBodyBytes)).Refusal is { } bad) return bad;
            try
            {
                var caller = await callers.ResolveAsync(context.User, context.RequestAborted);
                return Results.Content(await passkeys.BeginRegistrationAsync(caller, user, context.RequestAborted), "application/json");
            }
            catch (SessionEndedException)
            {
                return Unauthorized();
            }
            catch (ConflictException e)
            {
                return Error(StatusCodes.Status409Conflict, e.Code, e.Message);
            }
            catch (ReauthenticationRequiredException e)
            {
                return Error(StatusCodes.Status403Forbidden, ErrorCodes.ReauthenticationRequired, e.Message);
            }
        });

        group.MapPost(SignInOptionsPath, async (HttpContext context, IAntiforgery antiforgery, PasskeySignInService passkeys,
            IOptions<PasskeyOptions> options) =>
        {
            if (await RefusedAsync(context, antiforgery) is { } refused) return refused;
            if ((await PasskeyRequestBody.ReadAsync<PasskeyOptionsRequest>(context, options.Value.MaxBodyBytes)).Refusal is { } bad) return bad;
            return Results.Content(await passkeys.BeginSignInAsync(), "application/json");
        });

        group.MapPost(ReauthenticationOptionsPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn,
            PasskeySignInService passkeys, IOptions<PasskeyOptions> options) =>
        {
            if (await RefusedAsync(context, antiforgery) is { } refused) return refused;
            if (await SignedInUserAsync(context, signIn) is not { } user) return Unauthorized();
            if ((await PasskeyRequestBody.ReadAsync<PasskeyOptionsRequest>(context, options.Value.MaxBodyBytes)).Refusal is { } bad) return bad;
            return Results.Content(await passkeys.BeginReauthenticationAsync(user), "application/json");
        });

        group.MapPost(ReauthenticatePath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn,
            PasskeySignInService passkeys, IOptions<PasskeyOptions> options) =>
        {
            if (await RefusedAsync(context, antiforgery) is { } refused) return refused;
            if (!signIn.IsSignedIn(context.User)) return Unauthorized();
            var (body, bad) = await PasskeyRequestBody.ReadAsync<PasskeyCredentialRequest>(context, options.Value.MaxBodyBytes);
            if (bad is not null) return bad;
            return await passkeys.ReauthenticateAsync(context.User, body?.Credential, context.GetClientInfo(), context.RequestAborted)
                ? Results.NoContent()
                : Error(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The passkey could not be verified.",
                    new Dictionary<string, string[]> { ["credential"] = ["Use a passkey registered to your account."] });
        });
        return endpoints;
    }

    // The antiforgery middleware only records its verdict; these endpoints bind nothing, so the token is checked here,
    // before the body is read. A JSON request's token is in the RequestVerificationToken header: no form is read for it.
    private static async Task<IResult?> RefusedAsync(HttpContext context, IAntiforgery antiforgery) =>
        await antiforgery.IsRequestValidAsync(context)
            ? null
            : Error(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The page has expired. Reload it and try again.");

    // Only the dashboard cookie: an API key or an access token never manages passkeys.
    private static async Task<AppUser?> SignedInUserAsync(HttpContext context, SignInManager<AppUser> signIn) =>
        signIn.IsSignedIn(context.User) ? await signIn.UserManager.GetUserAsync(context.User) : null;

    private static IResult Unauthorized() => Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Authentication required");

    private static IResult Error(int status, string code, string message, IReadOnlyDictionary<string, string[]>? details = null) =>
        PasskeyRequestBody.Error(status, code, message, details);
}
