namespace StreamWorker.Simulator.Tests;

[CollectionDefinition(Name)]
public sealed class WebhookServerGroup : ICollectionFixture<WebhookTestServer>
{
    public const string Name = "webhook test server";
}
