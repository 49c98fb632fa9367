using System.Globalization;
using System.Linq.Expressions;
using Boltly.Features.SecurityEvents;
using Boltly.Platform.Api;
using Boltly.Platform.Data;
using Boltly.Platform.Auth;
using Boltly.Platform.Email;
using Boltly.Platform.Pagination;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Sessions;

/// <summary>
/// Sessions as rows (docs/sessions.md): every sign-in starts one, in the caller's unit of work with its new-device
/// email; every way a session ends goes through <see cref="EndWhereAsync"/>, which commits <c>ended_at</c> and then
/// refuses the session on every instance (<see cref="SessionStore.EndedAsync"/>).
/// </summary>
public sealed class SessionService(IDbContextFactory<AppDbContext> contexts, SessionStore store, IMailOutbox mail,
    SecurityEventRecorder events, Paginator paginator, IOptions<SessionOptions> options, IOptions<PortalOptions> portal, TimeProvider clock,
    ILogger<SessionService> logger)
{
    /// <summary>Adds the session row to <paramref name="db"/> (and the new sign-in email when the device or the network
    /// is new for the user); nothing is written until the caller saves. Returns the session's id.</summary>
    public async Task<Guid> StartAsync(AppDbContext db, NewSession session, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var device = DeviceNames.Describe(session.Client.UserAgent);
        var row = new UserSession
        {
            Id = MonotonicUuidV7.NewId(),
            UserId = session.UserId,
            AccountId = session.AccountId,
            Kind = session.Kind,
            CreatedAt = now,
            LastSeenAt = Minute(now),
            AuthenticatedAt = now,
            ExpiresAt = session.ExpiresAt ?? now.AddDays(options.Value.BrowserAbsoluteDays),
            ClientAddress = Truncate(session.Client.Address, 64),
            UserAgent = Truncate(session.Client.UserAgent, 512),
            DeviceName = device,
            DeviceId = session.DeviceId ?? session.RefreshFamilyId,
            Network = ClientNetwork.Of(session.Client.Address, options.Value.NetworkPrefixIPv4, options.Value.NetworkPrefixIPv6),
            RefreshFamilyId = session.RefreshFamilyId,
        };
        if (await IsNewDeviceOrNetworkAsync(db, row, now, ct) && !string.IsNullOrEmpty(session.Email))
        {
            mail.Enqueue(db, new OutgoingMail(session.Email, MailTemplate.NewDeviceSignIn, new Dictionary<string, string>
            {
                ["time"] = now.ToString("u", CultureInfo.InvariantCulture),
                ["address"] = row.ClientAddress ?? "unknown",
                ["device"] = device,
                ["sessions_url"] = new Uri(new Uri(portal.Value.PublicUrl), "settings/sessions").ToString(),
            }));
            await events.RecordAsync(SecurityEventTypes.NewDeviceSignIn, SecurityEventOutcomes.Success, session.Client,
                session.UserId, session.AccountId, device, ct);
        }
        db.UserSessions.Add(row);
        return row.Id;
    }

    /// <summary>Starts a session on its own (for sign-ins that have no unit of work of their own).</summary>
    public async Task<Guid> StartAsync(NewSession session, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = await StartAsync(db, session, ct);
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>The user's sessions that have not ended, newest first.</summary>
    public async Task<IReadOnlyList<UserSession>> ListLiveAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await LiveOf(db, userId, now).OrderByDescending(s => s.Id).ToListAsync(ct);
    }

    /// <summary>The caller's own sessions that have not ended, newest first (the Sessions page).</summary>
    public Task<IReadOnlyList<UserSession>> ListLiveAsync(Caller caller, CancellationToken ct = default) =>
        ListLiveAsync(SessionOnly.RequireUser(caller), ct);

    /// <summary>Ends one of the caller's own sessions; false when there is no such live session of theirs.</summary>
    public Task<bool> EndAsync(Caller caller, Guid sessionId, string reason, CancellationToken ct = default) =>
        EndAsync(SessionOnly.RequireUser(caller), sessionId, reason, ct);

    /// <summary>Ends every session of the caller but the calling one.</summary>
    public Task<int> EndOthersAsync(Caller caller, string reason, CancellationToken ct = default) =>
        EndOthersAsync(SessionOnly.RequireUser(caller), caller.SessionId, reason, ct);

    /// <summary>One page of the caller's live sessions, newest first.</summary>
    public async Task<Page<UserSession>> ListAsync(Caller caller, PageRequest request, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await paginator.PageAsync(LiveOf(db, caller.UserId ?? Guid.Empty, clock.GetUtcNow()), caller, "sessions", request, s => s, ct);
    }

    /// <summary>The user's live sessions as a query, for the paginated API (the caller disposes <paramref name="db"/>).</summary>
    public IQueryable<UserSession> LiveOf(AppDbContext db, Guid userId, DateTimeOffset now)
    {
        var idleCutoff = now.AddHours(-options.Value.BrowserIdleHours);
        return db.UserSessions.AsNoTracking().Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now
            && (s.Kind == SessionKind.App || s.LastSeenAt > idleCutoff));
    }

    /// <summary>Ends one of the user's sessions; false when there is no such live session of theirs.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, string reason, CancellationToken ct = default) =>
        await EndWhereAsync(s => s.UserId == userId && s.Id == sessionId, reason, ct) > 0;

    /// <summary>Ends every session of the user but <paramref name="keep"/> (none kept when null).</summary>
    public Task<int> EndOthersAsync(Guid userId, Guid? keep, string reason, CancellationToken ct = default) =>
        keep is { } id
            ? EndWhereAsync(s => s.UserId == userId && s.Id != id, reason, ct)
            : EndAllForUserAsync(userId, reason, ct);

    /// <summary>Ends every session of the user: a removed member, a credentials reset.</summary>
    public Task<int> EndAllForUserAsync(Guid userId, string reason, CancellationToken ct = default) =>
        EndWhereAsync(s => s.UserId == userId, reason, ct);

    /// <summary>Ends the app session of a refresh-token family (sign-out, reuse of a retired token).</summary>
    public Task<int> EndByRefreshFamilyAsync(Guid familyId, string reason, CancellationToken ct = default) =>
        EndWhereAsync(s => s.RefreshFamilyId == familyId, reason, ct);

    /// <summary>The app session of a refresh-token family, when it is live (a rotation carries its id on).</summary>
    public async Task<Guid?> LiveSessionOfFamilyAsync(Guid familyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.RefreshFamilyId == familyId && s.EndedAt == null && s.ExpiresAt > now)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Opens the sudo window of a live session now, on every instance.</summary>
    public async Task<bool> ReauthenticatedAsync(Guid userId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var changed = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.AuthenticatedAt, now), ct);
        if (changed > 0) await store.ChangedAsync(sessionId);
        return changed > 0;
    }

    private async Task<int> EndWhereAsync(Expression<Func<UserSession, bool>> which, string reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.UserSessions.Where(which).Where(s => s.EndedAt == null).Select(s => s.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        var now = clock.GetUtcNow();
        await db.UserSessions.Where(s => ids.Contains(s.Id) && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), CancellationToken.None);
        // Committed: from here on nothing cancels, a session that ended must not keep working because the request went away.
        foreach (var id in ids) await store.EndedAsync(id);
        logger.LogInformation("{Count} session(s) ended: {Reason}", ids.Count, reason);
        return ids.Count;
    }

    // A device or a network the user has not used within the window is new (docs/sessions.md): an unknown browser on a
    // familiar network, and a familiar browser on an unfamiliar network, both mail. Neither is known when absent.
    private async Task<bool> IsNewDeviceOrNetworkAsync(AppDbContext db, UserSession row, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-options.Value.NewDeviceDays);
        var seen = db.UserSessions.AsNoTracking().Where(s => s.UserId == row.UserId && s.LastSeenAt >= since);
        var knownDevice = row.DeviceId is { } device && await seen.AnyAsync(s => s.DeviceId == device, ct);
        var knownNetwork = row.Network is { } network && await seen.AnyAsync(s => s.Network == network, ct);
        return !knownDevice || !knownNetwork;
    }

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
