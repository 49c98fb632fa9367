using System.Security.Claims;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Passkeys;

/// <summary>
/// Signing in and re-authenticating with a passkey (docs/passkeys.md). A passkey is phishing-resistant multi-factor
/// by itself: no password, no TOTP. The sign-in is Identity's <c>PasskeySignInAsync</c> taken apart only to add the
/// checks it skips in .NET 10 (lockout and "may sign in", which the password path makes): the assertion, the stored
/// passkey's new signature count, and then the same application-cookie sign-in, so every cookie sign-in rule
/// (sessions included) applies (ADR 0015).
/// </summary>
public sealed class PasskeySignInService(SignInManager<AppUser> signIn, UserManager<AppUser> users, SecurityEventRecorder events,
    RateLimitPolicies limits, IReauthenticationWindow reauthentication, IPasskeyHandler<AppUser> handler, PasskeyCeremonyStore ceremonies,
    IHttpContextAccessor http) : IPasskeySignInMethod
{
    /// <summary>The <c>amr</c> claim of a passkey sign-in (RFC 8176 has no passkey value; "hwk" is proof of a key).</summary>
    public const string AuthenticationMethod = "hwk";

    /// <summary>WebAuthn request options for a sign-in (any passkey of this site: the authenticator picks the account);
    /// the challenge is kept on the server for one use (<see cref="PasskeyCeremonyStore"/>).</summary>
    public Task<string> BeginSignInAsync() => BeginAssertionAsync(PasskeyCeremonyKind.SignIn, null);

    /// <summary>Verifies the browser's assertion and, when it names a user who may sign in, signs them in.</summary>
    public async Task<PasskeySignInResult> SignInAsync(string? credentialJson, ClientInfo client, CancellationToken ct = default)
    {
        var throttle = await limits.HitSignInAsync(client.Address);
        if (!throttle.Allowed) return new PasskeySignInResult(PasskeySignInOutcome.Throttled, throttle.ResetSeconds);

        var assertion = await AssertAsync(PasskeyCeremonyKind.SignIn, null, credentialJson);
        if (assertion is null)
        {
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Failure, client, detail: "passkey not verified", ct: ct);
            return new PasskeySignInResult(PasskeySignInOutcome.Failed);
        }
        var (user, passkey) = assertion.Value;
        if (await users.IsLockedOutAsync(user))
        {
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Blocked, client, user.Id, user.AccountId, "account locked", ct);
            return new PasskeySignInResult(PasskeySignInOutcome.LockedOut);
        }
        if (!await signIn.CanSignInAsync(user))
        {
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Blocked, client, user.Id, user.AccountId, "sign-in not allowed", ct);
            return new PasskeySignInResult(PasskeySignInOutcome.NotAllowed);
        }
        // The new signature count is stored before the cookie is issued: a cloned authenticator shows up as a count that goes back.
        if (!(await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
            return new PasskeySignInResult(PasskeySignInOutcome.Failed);
        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", AuthenticationMethod)]);
        await events.RecordAsync(SecurityEventTypes.SignIn, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, "passkey", ct);
        return new PasskeySignInResult(PasskeySignInOutcome.Succeeded);
    }

    /// <summary>WebAuthn request options for re-authenticating <paramref name="user"/> (only their passkeys are offered).</summary>
    public Task<string> BeginReauthenticationAsync(AppUser user) => BeginAssertionAsync(PasskeyCeremonyKind.Reauthentication, user);

    /// <summary>Verifies an assertion made by the signed-in <paramref name="caller"/>'s own passkey and opens their
    /// re-authentication window. False when it does not verify or belongs to someone else.</summary>
    public async Task<bool> ReauthenticateAsync(ClaimsPrincipal caller, string? credentialJson, ClientInfo client, CancellationToken ct = default)
    {
        var user = await users.GetUserAsync(caller);
        if (user is null) return false;
        var assertion = await AssertAsync(PasskeyCeremonyKind.Reauthentication, user.Id, credentialJson);
        if (assertion is not { } verified || verified.User.Id != user.Id)
        {
            await events.RecordAsync(SecurityEventTypes.PasskeyReauthentication, SecurityEventOutcomes.Failure, client, user.Id, user.AccountId,
                assertion is null ? "passkey not verified" : "another user's passkey", ct);
            return false;
        }
        if (!(await users.AddOrUpdatePasskeyAsync(user, verified.Passkey)).Succeeded) return false;
        if (Caller.From(caller) is { } session) await reauthentication.OpenAsync(session, ct);
        await events.RecordAsync(SecurityEventTypes.PasskeyReauthentication, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: ct);
        return true;
    }

    private async Task<string> BeginAssertionAsync(PasskeyCeremonyKind kind, AppUser? user)
    {
        var context = Context;
        var options = await handler.MakeRequestOptionsAsync(user, context);
        await ceremonies.BeginAsync(context, kind, user?.Id, options.AssertionState);
        return options.RequestOptionsJson;
    }

    // The ceremony is taken before the assertion is checked: whatever the answer, its challenge is spent.
    private async Task<(AppUser User, UserPasskeyInfo Passkey)?> AssertAsync(PasskeyCeremonyKind kind, Guid? userId, string? credentialJson)
    {
        var context = Context;
        var state = await ceremonies.TakeAsync(context, kind, userId);
        if (state is null || string.IsNullOrWhiteSpace(credentialJson)) return null;
        var result = await handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            HttpContext = context,
            CredentialJson = credentialJson,
            AssertionState = state,
        });
        return result.Succeeded ? (result.User, result.Passkey) : null;
    }

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("A passkey ceremony needs the browser's request.");
}
