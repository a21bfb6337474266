namespace StreamWorker.Simulator.Tests.Support;

[CollectionDefinition(Name)]
public sealed class WebhookServerGroup : ICollectionFixture<WebhookTestServer>
{
    public const string Name = "webhook test server";
}
