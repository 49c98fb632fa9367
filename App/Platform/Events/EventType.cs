namespace Boltly.Platform.Events;

/// <summary>
/// One event type a subscription can receive: its name (<c>contact.created</c>), what it means, the CLR type of its
/// <c>data</c> (the resource's public API representation) and a sample of that data. The OpenAPI document's
/// <c>webhooks</c> section and <c>GET /v1/developer-access/webhook-events</c> are generated from these, and the outbox
/// refuses an event whose data is not of the registered type, so what is described is what is sent.
/// </summary>
public sealed record EventType(string Name, string Description, Type DataType, object Sample);
