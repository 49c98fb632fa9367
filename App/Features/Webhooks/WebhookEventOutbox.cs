using System.Text.Json;
using Boltly.Platform.Data;
using Boltly.Platform.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// The event outbox: an event is a row added to the caller's context, so it commits or rolls back with the change
/// (docs/decisions/0016-webhook-outbox.md). Data is serialised as the API serialises it, snake_case.
/// </summary>
public sealed class WebhookEventOutbox(IOptions<JsonOptions> json, TimeProvider clock) : IEventOutbox
{
    public void Emit(AppDbContext db, Guid accountId, string type, object data) => Add(db, accountId, type, data);

    /// <summary>Adds the event row and returns it (a test event is fanned out by its caller, to one subscription).</summary>
    public WebhookEvent Add(AppDbContext db, Guid accountId, string type, object data, bool fannedOut = false)
    {
        var row = new WebhookEvent
        {
            AccountId = accountId,
            Type = type,
            Data = JsonSerializer.Serialize(data, data.GetType(), json.Value.JsonSerializerOptions),
            CreatedAt = clock.GetUtcNow(),
            FannedOut = fannedOut,
        };
        db.WebhookOutboxEvents.Add(row);
        return row;
    }
}
