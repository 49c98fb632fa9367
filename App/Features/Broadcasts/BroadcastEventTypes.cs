using Boltly.Features.Webhooks;
using Boltly.Platform.Events;

namespace Boltly.Features.Broadcasts;

/// <summary>The webhook event Broadcasts emits, with its data type and a sample (docs/webhooks.md).</summary>
internal static class BroadcastEventTypes
{
    public static void Register(IServiceCollection services)
    {
        var t = EventTypeCatalog.SampleTime;
        services.AddEventType(WebhookEvents.BroadcastCompleted,
            "A broadcast's send finished (in the transaction that marks it sent). `data` is the broadcast.",
            new BroadcastResponse(Guid.Parse("019ae5c1-0e33-7c4d-9f5a-6b7c8d9e0f04"), "December offer", Guid.Parse("019ae5c1-1a55-7e6f-9b7c-8d9e0f1a2b06"),
                ["vip"], ["Ada"], BroadcastStatus.Sent, null, t, 128, t.AddHours(-1)));
    }
}
