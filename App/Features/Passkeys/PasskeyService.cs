using Boltly.Features.SecurityEvents;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Passkeys;

/// <summary>
/// A user's passkeys: list, register (named), rename, remove, at most <see cref="PasskeyOptions.MaxPerUser"/>
/// (docs/passkeys.md). The page and the endpoints both call this; Identity stores the passkeys (schema version 3).
/// Every change is a security event and ends no session: nothing here moves the security stamp.
/// </summary>
public sealed class PasskeyService(Boltly.Features.Sessions.ReauthenticationWindow window, UserManager<AppUser> users, AppDbContext db,
    IDbContextFactory<AppDbContext> contexts, SecurityEventRecorder events, IOptions<PasskeyOptions> options, IPasskeyHandler<AppUser> handler,
    PasskeyCeremonyStore ceremonies, IHttpContextAccessor http)
{
    /// <summary>The most passkeys a user may have.</summary>
    public int Limit => options.Value.MaxPerUser;

    /// <summary>The longest name a passkey may have.</summary>
    public int NameMaxLength => options.Value.NameMaxLength;

    /// <summary>The user's passkeys, oldest first. Read on its own context: a page's other cards may be using the
    /// request's (Identity's) context at the same moment while they render.</summary>
    public async Task<IReadOnlyList<PasskeySummary>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        await using var read = await contexts.CreateDbContextAsync(ct);
        var passkeys = await read.UserPasskeys.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct);
        return passkeys.OrderBy(p => p.Data.CreatedAt)
            .Select(p => new PasskeySummary(PasskeyIds.Encode(p.CredentialId), p.Data.Name ?? UnnamedPasskey, p.Data.CreatedAt))
            .ToList();
    }

    private const string UnnamedPasskey = "Unnamed passkey";

    /// <summary>True when the user may not add another passkey.</summary>
    public bool IsAtLimit(int count) => count >= Limit;

    /// <summary>WebAuthn creation options for a new passkey of <paramref name="user"/> (the challenge is kept on the server
    /// for one use, <see cref="PasskeyCeremonyStore"/>). Refused at the limit, before the authenticator is asked.</summary>
    public async Task<string> BeginRegistrationAsync(Caller caller, AppUser user, CancellationToken ct = default)
    {
        await RequireRecentAuthenticationAsync(caller, user, ct);
        if (IsAtLimit((await users.GetPasskeysAsync(user)).Count)) throw new PasskeyLimitReachedException(Limit);
        var email = user.Email ?? user.UserName ?? user.Id.ToString();
        var context = Context;
        var options = await handler.MakeCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id.ToString(), Name = email, DisplayName = email }, context);
        await ceremonies.BeginAsync(context, PasskeyCeremonyKind.Registration, user.Id, options.AttestationState);
        return options.CreationOptionsJson;
    }

    /// <summary>Verifies the browser's attestation and stores the passkey under <paramref name="name"/>.</summary>
    public async Task<PasskeySummary> CompleteRegistrationAsync(Caller caller, AppUser user, string? credentialJson, string? name,
        ClientInfo client, CancellationToken ct = default)
    {
        await RequireRecentAuthenticationAsync(caller, user, ct);
        var cleanName = ValidName(name);
        if (string.IsNullOrWhiteSpace(credentialJson)) throw new DomainValidationException("credential", "The browser sent no passkey.");

        // No creation options were issued to this user in this browser, they expired, or they were used already.
        var context = Context;
        var state = await ceremonies.TakeAsync(context, PasskeyCeremonyKind.Registration, user.Id)
            ?? throw new PasskeyVerificationException("The passkey request has expired. Start again.");
        var attestation = await handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            HttpContext = context,
            CredentialJson = credentialJson,
            AttestationState = state,
        });
        if (!attestation.Succeeded)
            throw new PasskeyVerificationException($"The passkey could not be added: {attestation.Failure.Message}");
        if (attestation.UserEntity.Id != user.Id.ToString())
            throw new PasskeyVerificationException("The passkey request was made for another user.");

        var passkey = attestation.Passkey;
        passkey.Name = cleanName;
        // One registration at a time per user, counted under a lock on the user's row: two tabs at 9 of 10 make 10, not 11.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "AspNetUsers" WHERE id = {user.Id} FOR UPDATE""", ct);
        var count = await db.UserPasskeys.CountAsync(p => p.UserId == user.Id, ct);
        if (IsAtLimit(count)) throw new PasskeyLimitReachedException(Limit);
        var stored = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!stored.Succeeded) throw new PasskeyVerificationException("The passkey could not be saved. Try again.");
        await tx.CommitAsync(ct);

        await events.RecordAsync(SecurityEventTypes.PasskeyAdded, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, cleanName, ct);
        return new PasskeySummary(PasskeyIds.Encode(passkey.CredentialId), cleanName, passkey.CreatedAt);
    }

    /// <summary>Renames one of the user's own passkeys; another user's is <see cref="PasskeyNotFoundException"/>.</summary>
    public async Task RenameAsync(Caller caller, AppUser user, string? id, string? name, ClientInfo client, CancellationToken ct = default)
    {
        RequireSelf(caller, user);
        var cleanName = ValidName(name);
        var passkey = await FindOwnAsync(user, id);
        passkey.Name = cleanName;
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!result.Succeeded) throw new InvalidStateException("The passkey could not be renamed. Reload the page and try again.");
        await events.RecordAsync(SecurityEventTypes.PasskeyRenamed, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, cleanName, ct);
    }

    /// <summary>Removes one of the user's own passkeys; another user's is <see cref="PasskeyNotFoundException"/>.</summary>
    public async Task RemoveAsync(Caller caller, AppUser user, string? id, ClientInfo client, CancellationToken ct = default)
    {
        await RequireRecentAuthenticationAsync(caller, user, ct);
        var passkey = await FindOwnAsync(user, id);
        var result = await users.RemovePasskeyAsync(user, passkey.CredentialId);
        if (!result.Succeeded) throw new InvalidStateException("The passkey could not be removed. Reload the page and try again.");
        await events.RecordAsync(SecurityEventTypes.PasskeyRemoved, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, passkey.Name, ct);
    }

    /// <summary>Why <paramref name="name"/> is not a passkey name (trimmed), or null.</summary>
    public string? NameProblem(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return "Enter a name for the passkey.";
        if (trimmed.Length > NameMaxLength) return $"The name can be at most {NameMaxLength} characters.";
        return TextRules.NameProblem(trimmed);
    }

    private string ValidName(string? name) =>
        NameProblem(name) is { } problem ? throw new DomainValidationException("name", problem) : name!.Trim();

    private async Task<UserPasskeyInfo> FindOwnAsync(AppUser user, string? id)
    {
        if (PasskeyIds.Decode(id) is not { } credentialId) throw new PasskeyNotFoundException();
        return await users.GetPasskeyAsync(user, credentialId) ?? throw new PasskeyNotFoundException();
    }

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("A passkey ceremony needs the browser's request.");

    // Passkey add and remove need a recent authentication (docs/sessions.md): the sessions feature owns the window.
    private async Task RequireRecentAuthenticationAsync(Caller caller, AppUser user, CancellationToken ct)
    {
        RequireSelf(caller, user);
        await window.RequireOpenAsync(caller, ct);
    }

    // Passkeys are managed by their own user, in a session: never by an API key, never for someone else.
    private static void RequireSelf(Caller caller, AppUser user)
    {
        if (SessionOnly.RequireUser(caller) != user.Id)
            throw new InvalidOperationException("A passkey is managed only by the user it belongs to.");
    }
}
