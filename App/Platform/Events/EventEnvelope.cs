namespace Boltly.Platform.Events;

/// <summary>
/// The body of every webhook delivery (docs/webhooks.md): <c>{"id": "evt_…", "type", "created_at", "account_id", "data"}</c>,
/// snake_case like the API. The delivery writer names its properties from this record and the OpenAPI
/// <c>webhooks</c> section is generated from it with each event's <typeparamref name="TData"/>.
/// </summary>
/// <param name="Id">The event id, <c>evt_</c> and 32 hex digits: the same on every attempt and redelivery (also sent as <c>webhook-id</c>).</param>
/// <param name="Type">The event type, for example <c>contact.created</c>.</param>
/// <param name="CreatedAt">When the change that caused the event was committed.</param>
/// <param name="AccountId">The account the event belongs to.</param>
/// <param name="Data">The resource as the API returns it.</param>
public sealed record EventEnvelope<TData>(string Id, string Type, DateTimeOffset CreatedAt, Guid AccountId, TData Data);
