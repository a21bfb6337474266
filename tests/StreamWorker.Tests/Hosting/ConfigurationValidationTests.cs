using Microsoft.Extensions.Options;

namespace StreamWorker.Tests.Hosting;

/// <summary>A bad setting stops the process at start with a message naming the key.</summary>
[Trait("Layer", "Integration")]
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Role", "janitor", "Role")]
    [InlineData("Gateway:MaxBodyBytes", "12", "Gateway:MaxBodyBytes")]
    [InlineData("Gateway:AckTimeout", "forever", "Gateway:AckTimeout")]
    [InlineData("Topics:Partitions", "0", "Partitions")]
    [InlineData("Processor:StateRetention", "00:10:00", "Processor:StateRetention")]
    [InlineData("Processor:Guarantee", "at_most_once", "Processor:Guarantee")]
    public async Task Start_WithBadValue_FailsNamingTheKey(string key, string value, string named)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => StreamWorkerInstance.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithRealKafkaAndNoToken_Refuses()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Gateway:SigningTokens:0"] = "",
            ["Privacy:HashKey"] = "0123456789abcdef0123",
        }));

        Assert.Contains("Gateway:SigningTokens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithRealKafkaAndHashingButNoHashKey_Refuses()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
        }));

        Assert.Contains("Privacy:HashKey", ex.Message, StringComparison.Ordinal);
    }
}
