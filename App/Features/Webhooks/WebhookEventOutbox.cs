using System.Text.Json;
using Boltly.Platform.Data;
using Boltly.Platform.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// The event outbox: an event is a row added to the caller's context, so it commits or rolls back with the change
/// (docs/decisions/0016-webhook-outbox.md). Data is serialised as the API serialises it, snake_case. An event whose
/// type is not in <see cref="EventTypeCatalog"/>, or whose data is not of the registered type, is refused: the
/// OpenAPI <c>webhooks</c> section describes exactly what is sent.
/// </summary>
public sealed class WebhookEventOutbox(IOptions<JsonOptions> json, EventTypeCatalog catalog, TimeProvider clock) : IEventOutbox
{
    public void Emit(AppDbContext db, Guid accountId, string type, object data) => Add(db, accountId, type, data);

    /// <summary>Adds the event row and returns it (a test event is fanned out by its caller, to one subscription).</summary>
    public WebhookEvent Add(AppDbContext db, Guid accountId, string type, object data, bool fannedOut = false)
    {
        var registered = catalog.Find(type)
            ?? throw new InvalidOperationException($"The event type {type} is not registered (AddEventType in the emitting feature).");
        if (data.GetType() != registered.DataType)
            throw new InvalidOperationException($"The event type {type} carries {registered.DataType.Name}, not {data.GetType().Name}.");
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
