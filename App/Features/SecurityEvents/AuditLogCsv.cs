using System.Globalization;
using System.Text;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Pagination;

namespace Boltly.Features.SecurityEvents;

/// <summary>The Activity page's CSV download: the filtered audit log, every page of it up to <see cref="MaxRows"/>, for the
/// dashboard cookie (outside /v1). Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.</summary>
public static class AuditLogCsv
{
    public const string Path = "/settings/activity.csv";
    public const int MaxRows = 10_000;

    /// <summary>The filter from the page's text fields: <c>from</c> and <c>to</c> are UTC (a datetime-local value or ISO 8601).</summary>
    public static AuditLogFilter Filter(string? actor, string? action, string? from, string? to)
    {
        var errors = new ValidationErrors();
        DateTimeOffset? Parse(string name, string? value)
        {
            if (value is null) return null;
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) return at;
            errors.Add(name, $"{name} is a date and time, such as 2026-12-01T09:00.");
            return null;
        }
        var filter = new AuditLogFilter(actor, action, Parse("from", from), Parse("to", to));
        errors.ThrowIfAny();
        return filter;
    }

    public static IEndpointRouteBuilder MapAuditLogCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, AuditLogQuery audit, string? actor, string? action, string? from, string? to, CancellationToken ct) =>
        {
            var caller = http.GetCaller();
            if (caller is null || !caller.IsSession) return Results.Unauthorized();
            AuditLogFilter filter;
            try { filter = Filter(Empty(actor), Empty(action), Empty(from), Empty(to)); }
            catch (DomainValidationException) { return Results.BadRequest(); }
            var csv = new StringBuilder("time,action,outcome,actor_type,actor_id,actor_name,member_id,member_name,client_address,device,detail\n");
            string? cursor = null;
            var rows = 0;
            do
            {
                Page<AuditLogEntry> page;
                try { page = await audit.ListAsync(caller, filter, new PageRequest(100, cursor), ct); }
                catch (DomainValidationException) { return Results.BadRequest(); }
                foreach (var e in page.Data)
                {
                    csv.AppendJoin(',', new[] { e.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.Action, e.Outcome, e.Actor.Type,
                        e.Actor.Id?.ToString(), e.Actor.Name, e.Member?.Id?.ToString(), e.Member?.Name, e.ClientAddress, e.Device, e.Detail }
                        .Select(Cell)).Append('\n');
                    rows++;
                }
                cursor = page.NextCursor;
            } while (cursor is not null && rows < MaxRows);
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "activity.csv");
        })
        // Like the pages: the dashboard cookie only, whatever else the request carries (ADR 0004).
        .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute
        {
            AuthenticationSchemes = Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme,
        });
        return app;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
