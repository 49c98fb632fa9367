using Boltly.Platform.Events;

namespace Boltly.Features.Webhooks;

/// <summary>Every event type, in one list.</summary>
public sealed record WebhookEventTypeList(IReadOnlyList<WebhookEventTypeResponse> Data);

/// <summary>An event type: its name, when it is sent, and a sample delivery body (the envelope with sample <c>data</c>).</summary>
public sealed record WebhookEventTypeResponse(string Type, string Description, EventEnvelope<object> Sample);
