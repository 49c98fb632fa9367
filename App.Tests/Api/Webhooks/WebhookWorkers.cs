namespace Boltly.Tests.Api.Webhooks;

/// <summary>Test classes whose hosts run the delivery worker: the workers share the database, so another class's worker
/// could claim this class's deliveries (and sign them with its own moved clock). They run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class WebhookWorkers
{
    public const string Name = "Webhook delivery workers";
}
