using System.Data.Common;
using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>
/// "A 5xx or a crash releases the key": a POST whose action really fails (the database command throws)
/// must not leave a stored answer behind, so the retry with the same Idempotency-Key runs again.
/// </summary>
public sealed class IdempotencyFailureTests
{
    [Fact]
    public async Task A_request_that_crashes_releases_its_key_and_the_retry_runs_again()
    {
        await using var host = await PortalHost.StartAsync(new FaultyPortalHost());
        var api = await PublicApiClient.CreateAsync(host);
        var key = await api.KeyAsync("contacts:write");
        var body = new { phone = PublicApiClient.Phone(), name = "Ada" };

        host.Faults.FailNext("INSERT INTO contacts");
        var crashed = await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, key, "crash-1");
        await crashed.AssertErrorAsync(HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        Assert.Equal(0, host.Faults.Pending);
        Assert.Equal(0, await CountContactsAsync(host, api));

        // Not a replay of an empty 200: the request runs and creates the contact.
        var retry = await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, key, "crash-1");
        var retryText = await retry.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.Created == retry.StatusCode, $"{(int)retry.StatusCode}: {retryText}");
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Contains(body.phone, retryText);
        Assert.Equal(1, await CountContactsAsync(host, api));

        // From now on the stored 201 is the answer.
        var replay = await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, key, "crash-1");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(retryText, await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountContactsAsync(host, api));
    }

    [Fact]
    public async Task A_claim_whose_release_also_failed_is_taken_over_once_abandoned()
    {
        await using var host = await PortalHost.StartAsync(new FaultyPortalHost(new Dictionary<string, string?>
        {
            ["Idempotency:InProgressWaitSeconds"] = "1",
            ["Idempotency:AbandonedClaimSeconds"] = "60",
        }));
        var api = await PublicApiClient.CreateAsync(host);
        var body = new { phone = PublicApiClient.Phone() };

        // The action fails, and so does the release of its claim: the claim stays "in progress".
        host.Faults.FailNext("INSERT INTO contacts");
        host.Faults.FailNext("DELETE FROM idempotency_records");
        await (await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, null, "orphan-1")).AssertErrorAsync(HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        Assert.Equal(0, host.Faults.Pending);

        await (await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, null, "orphan-1")).AssertErrorAsync(HttpStatusCode.Conflict, "IDEMPOTENCY_CONFLICT");

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        var taken = await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, null, "orphan-1");
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.False(taken.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountContactsAsync(host, api));
    }

    private static async Task<int> CountContactsAsync(PortalHost host, PublicApiClient api)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateForAccountAsync(api.User.AccountId);
        return await db.Contacts.CountAsync();
    }

    private sealed class FaultyPortalHost(IDictionary<string, string?>? settings = null) : PortalHost(settings)
    {
        public CommandFaults Faults { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(Faults)));
        }
    }

    /// <summary>Makes the next command whose SQL contains a fragment throw, as a bug or a broken statement would.</summary>
    private sealed class CommandFaults : DbCommandInterceptor
    {
        private readonly List<string> _pending = [];

        public int Pending
        {
            get { lock (_pending) return _pending.Count; }
        }

        public void FailNext(string sqlFragment)
        {
            lock (_pending) _pending.Add(sqlFragment);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            ThrowIfArmed(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            ThrowIfArmed(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void ThrowIfArmed(DbCommand command)
        {
            lock (_pending)
            {
                var match = _pending.FindIndex(f => command.CommandText.Contains(f, StringComparison.OrdinalIgnoreCase));
                if (match < 0) return;
                _pending.RemoveAt(match);
            }
            throw new InvalidOperationException("Injected fault for a test.");
        }
    }
}
