using System.Globalization;
using Boltly.Platform.Outbox;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Platform.Email;

/// <summary>
/// The mail outbox against test.sh's smtp4dev, read back over its API, on a database of the test's own so only
/// these hosts send its mail (docs/email.md, ADR 0017).
/// </summary>
public sealed class MailOutboxTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string PublicUrl = "https://portal.boltly-tests.example";
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(20);
    private readonly MailInbox _inbox = new();
    private IsolatedDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await IsolatedDatabase.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        _inbox.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_queued_mail_is_sent_through_smtp4dev_with_its_text_and_html()
    {
        await using var host = await StartHostAsync();
        var to = MailInbox.NewAddress("new-device");

        await QueueAsync(host, to, MailTemplate.NewDeviceSignIn,
            new() { ["time"] = "1 Dec 2026 10:00 UTC", ["address"] = "203.0.113.7", ["device"] = "Firefox <on> Linux" });

        var message = Assert.Single(await _inbox.WaitForAsync(to, Arrival));
        Assert.Equal("New sign-in to your Boltly Portal account", message.Subject);
        var text = await _inbox.PlainTextAsync(message.Id);
        Assert.Contains("203.0.113.7", text, StringComparison.Ordinal);
        Assert.Contains("Firefox <on> Linux", text, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/settings/sessions", text, StringComparison.Ordinal);
        var html = await _inbox.HtmlAsync(message.Id);
        Assert.Contains("Firefox &lt;on&gt; Linux", html, StringComparison.Ordinal);
        var row = await WaitForRowAsync(host, to, r => r.Status != MailStatus.Pending);
        Assert.Equal(MailStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task The_mail_row_commits_or_rolls_back_with_the_callers_transaction()
    {
        await using var host = await StartHostAsync(new() { ["Email:Outbox:WorkerEnabled"] = "false" });
        var contexts = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var outbox = host.Services.GetRequiredService<IMailOutbox>();
        var rolledBack = MailInbox.NewAddress("rolled-back");
        var committed = MailInbox.NewAddress("committed");

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            outbox.Enqueue(db, new OutgoingMail(rolledBack, MailTemplate.WebhookDisabled, new Dictionary<string, string> { ["webhook_url"] = "https://a.example" }));
            Assert.Equal(0, await CountAsync(host, rolledBack));   // nothing written before the caller saves
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            outbox.Enqueue(db, new OutgoingMail(committed, MailTemplate.WebhookDisabled, new Dictionary<string, string> { ["webhook_url"] = "https://a.example" }));
            await db.SaveChangesAsync();
            Assert.Equal(0, await CountAsync(host, committed));    // not visible until the caller commits
            await transaction.CommitAsync();
        }

        Assert.Equal(0, await CountAsync(host, rolledBack));
        Assert.Equal(1, await CountAsync(host, committed));
    }

    [Fact]
    public async Task Smtp_down_never_fails_the_callers_save_and_the_mail_goes_out_once_when_it_is_back()
    {
        await using var relay = new SmtpRelay();   // closed: connections to its port are refused
        await using var host = await StartHostAsync(new() { ["Email:Smtp:Port"] = relay.Port.ToString(CultureInfo.InvariantCulture) });
        var to = MailInbox.NewAddress("smtp-down");

        await QueueAsync(host, to, MailTemplate.WebhookDisabled, new() { ["webhook_url"] = "https://hooks.example.com/down" });

        var failed = await WaitForRowAsync(host, to, r => r.Attempts >= 1 && r.LastError is not null);
        Assert.Equal(MailStatus.Pending, failed.Status);
        Assert.True(failed.NextAttemptAt > host.Clock.GetUtcNow(), "the retry waits for its backoff");
        output.WriteLine($"first attempt failed: {failed.LastError}; next at {failed.NextAttemptAt:O}");

        relay.Open();
        // Back, but the retry is not due yet: nothing is sent before the backoff ends.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await _inbox.MessagesToAsync(to));
        Assert.Equal(1, (await RowAsync(host, to)).Attempts);

        host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Single(await _inbox.WaitForAsync(to, Arrival));
        await Task.Delay(TimeSpan.FromSeconds(1));   // further passes send nothing more
        Assert.Single(await _inbox.MessagesToAsync(to));
        var sent = await RowAsync(host, to);
        Assert.Equal(MailStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task A_mail_claimed_by_an_instance_that_died_is_sent_by_another_once_the_lease_ends_on_the_database_clock()
    {
        await using var host = await StartHostAsync();
        var to = MailInbox.NewAddress("dead-claim");
        var contexts = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            host.Services.GetRequiredService<IMailOutbox>().Enqueue(db,
                new OutgoingMail(to, MailTemplate.WebhookDisabled, new Dictionary<string, string> { ["webhook_url"] = "https://hooks.example.com/dead" }));
            var row = db.ChangeTracker.Entries<QueuedMail>().Single().Entity;
            row.Attempts = 1;
            row.ClaimToken = Guid.NewGuid();
            await db.SaveChangesAsync();
            // As a claim leaves it, by an instance that then died before sending: leased for the default 120 s,
            // on the database's clock as every claim is.
            await SetLeaseAsync(db, to, 120);
        }

        // This instance's clock runs a day ahead: the lease still holds, it is judged on the database's clock.
        host.Clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(await _inbox.MessagesToAsync(to));

        // The lease runs out.
        await using (var db = await contexts.CreateDbContextAsync()) await SetLeaseAsync(db, to, 0);
        Assert.Single(await _inbox.WaitForAsync(to, Arrival));
        var sent = await WaitForRowAsync(host, to, r => r.Status != MailStatus.Pending);
        Assert.Equal(MailStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    /// <summary>Sets the mail's lease to end <paramref name="seconds"/> from now on the database's clock.</summary>
    private static Task<int> SetLeaseAsync(AppDbContext db, string to, double seconds) =>
        db.Database.ExecuteSqlAsync($"UPDATE mail_messages SET locked_until = clock_timestamp() + make_interval(secs => {seconds}) WHERE to_address = {to}");

    [Fact]
    public async Task A_mail_whose_claims_never_finish_is_retried_on_the_schedule_and_given_up_unsent_at_the_give_up_time()
    {
        await using var host = await StartHostAsync(new() { ["Email:Outbox:WorkerEnabled"] = "false" });
        var to = MailInbox.NewAddress("poison");
        await QueueAsync(host, to, MailTemplate.WebhookDisabled, new() { ["webhook_url"] = "https://hooks.example.com/poison" });
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            // As five claims left it, each by an instance that died handling it (the mail made it die).
            var row = await db.QueuedMails.SingleAsync(m => m.ToAddress == to);
            row.Attempts = 5;
            row.ClaimToken = Guid.NewGuid();
            await db.SaveChangesAsync();
            await SetLeaseAsync(db, to, -1);   // the last one's lease ran out
        }
        var worker = host.Services.GetRequiredService<OutboxWorker<QueuedMail, OutboxResult>>();

        // Past the give-up time (72 h after it was queued): the next claim records it given up and sends nothing.
        host.Clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await worker.RunOnceAsync(TestContext.Current.CancellationToken));

        var given = await RowAsync(host, to);
        output.WriteLine(given.LastError ?? "");
        Assert.Equal(MailStatus.Failed, given.Status);
        Assert.Equal(6, given.Attempts);
        Assert.Contains("claims ended without an outcome", given.LastError);
        Assert.Null(given.ClaimToken);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await _inbox.MessagesToAsync(to));
        Assert.Equal(0, await worker.RunOnceAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_instances_send_each_mail_once()
    {
        const int mails = 60;
        // Small batches: the two workers claim side by side many times.
        var settings = new Dictionary<string, string?> { ["Email:Outbox:BatchSize"] = "3", ["Email:Outbox:PollIntervalMilliseconds"] = "50" };
        await using var a = await StartHostAsync(settings);
        await using var b = await StartHostAsync(settings);
        var prefix = $"pair-{Guid.NewGuid():N}-";
        var contexts = a.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var outbox = a.Services.GetRequiredService<IMailOutbox>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            for (var i = 0; i < mails; i++)
                outbox.Enqueue(db, new OutgoingMail($"{prefix}{i}@boltly-tests.example", MailTemplate.WebhookDisabled,
                    new Dictionary<string, string> { ["webhook_url"] = $"https://hooks.example.com/{i}" }));
            await db.SaveChangesAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        IReadOnlyList<(string Id, string Subject, string To)> received;
        while ((received = await _inbox.MessagesWithRecipientAsync(t => t.StartsWith(prefix, StringComparison.Ordinal))).Count < mails
            && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(1));
        received = await _inbox.MessagesWithRecipientAsync(t => t.StartsWith(prefix, StringComparison.Ordinal));

        Assert.Equal(mails, received.Count);
        Assert.Equal(mails, received.Select(m => m.To).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(mails, await check.QueuedMails.CountAsync(m => m.Status == MailStatus.Sent && m.Attempts == 1));
    }

    private async Task<PortalHost> StartHostAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = _database.ConnectionString, ["Portal:PublicUrl"] = PublicUrl };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        return await PortalHost.StartAsync(new PortalHost(all));
    }

    private static async Task QueueAsync(PortalHost host, string to, MailTemplate template, Dictionary<string, string> values)
    {
        var contexts = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        host.Services.GetRequiredService<IMailOutbox>().Enqueue(db, new OutgoingMail(to, template, values));
        await db.SaveChangesAsync();
    }

    private static async Task<int> CountAsync(PortalHost host, string to)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.QueuedMails.CountAsync(m => m.ToAddress == to);
    }

    private static async Task<QueuedMail> RowAsync(PortalHost host, string to)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.QueuedMails.AsNoTracking().SingleAsync(m => m.ToAddress == to);
    }

    private static async Task<QueuedMail> WaitForRowAsync(PortalHost host, string to, Func<QueuedMail, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var row = await RowAsync(host, to);
            if (condition(row)) return row;
            Assert.True(DateTime.UtcNow < deadline, $"the mail row did not reach the expected state: {row.Status}, {row.Attempts} attempts");
            await Task.Delay(100);
        }
    }
}
