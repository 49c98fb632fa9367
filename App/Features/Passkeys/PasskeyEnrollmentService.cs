using Boltly.Features.SecurityEvents;
using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Passkeys;

/// <summary>
/// The first passkey of a user created with it (<see cref="IPasskeyEnrollment"/>): Identity's creation options for a user
/// entity that has no row yet, and Identity's attestation check against the challenge kept in
/// <see cref="PasskeyCeremonyStore"/> under the caller's key; then the user and the passkey are stored in one transaction.
/// </summary>
public sealed class PasskeyEnrollmentService(IPasskeyHandler<AppUser> handler, PasskeyCeremonyStore ceremonies, UserManager<AppUser> users,
    AppDbContext db, SecurityEventRecorder events, IHttpContextAccessor http) : IPasskeyEnrollment
{
    /// <summary>The name the first passkey gets (the person did not name it; Settings → Security renames it).</summary>
    public const string FirstPasskeyName = "Passkey you joined with";

    public async Task<string> BeginAsync(string ceremonyKey, Guid newUserId, string email)
    {
        var options = await handler.MakeCreationOptionsAsync(
            new PasskeyUserEntity { Id = newUserId.ToString(), Name = email, DisplayName = email }, Context);
        await ceremonies.BeginKeyedAsync(PasskeyCeremonyKind.NewUserRegistration, ceremonyKey, newUserId,
            options.AttestationState ?? throw new InvalidOperationException("Identity's passkey handler made no attestation state."));
        return options.CreationOptionsJson;
    }

    public async Task<VerifiedNewPasskey> VerifyAsync(string ceremonyKey, string credentialJson)
    {
        // Taken before the attestation is checked: whatever the answer, its challenge is spent.
        var ceremony = await ceremonies.TakeKeyedAsync(PasskeyCeremonyKind.NewUserRegistration, ceremonyKey)
            ?? throw new PasskeyVerificationException("The passkey request has expired or was used. Start again.");
        var attestation = await handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            HttpContext = Context,
            CredentialJson = credentialJson,
            AttestationState = ceremony.State,
        });
        if (!attestation.Succeeded)
            throw new PasskeyVerificationException($"The passkey could not be registered: {attestation.Failure.Message}");
        if (attestation.UserEntity.Id != ceremony.UserId.ToString())
            throw new PasskeyVerificationException("The passkey request was made for another user.");
        var passkey = attestation.Passkey;
        passkey.Name = FirstPasskeyName;
        return new VerifiedNewPasskey(ceremony.UserId, passkey);
    }

    public async Task<IdentityResult> CreateUserAsync(AppUser user, VerifiedNewPasskey passkey, ClientInfo client, CancellationToken ct = default)
    {
        if (user.Id != passkey.UserId) throw new InvalidOperationException("The passkey was registered for another user.");
        // Identity's store saves on the request's context: one transaction over both saves, so a user never exists without
        // the passkey that is their only way to sign in.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) return created;
            var stored = await users.AddOrUpdatePasskeyAsync(user, passkey.Passkey);
            if (!stored.Succeeded) return stored;
            await tx.CommitAsync(ct);
        }
        await events.RecordAsync(SecurityEventTypes.PasskeyAdded, SecurityEventOutcomes.Success, client, user.Id, user.AccountId,
            passkey.Passkey.Name, CancellationToken.None);
        return IdentityResult.Success;
    }

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("A passkey ceremony needs the caller's request.");
}
