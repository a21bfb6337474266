namespace StreamWorker.Tests.Support;

/// <summary>One gateway with its embedded broker, shared by the tests that do not disturb the broker.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public StreamWorkerInstance Instance { get; private set; } = null!;

    public async Task InitializeAsync() => Instance = await StreamWorkerInstance.StartAsync();

    public async Task DisposeAsync() => await Instance.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayGroup : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
