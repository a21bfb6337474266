using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Unit")]
public class DeliveryFileTests
{
    [Fact]
    public async Task WriteThenRead_GivesBackTheSameDeliveries()
    {
        var deliveries = TrafficGenerator.Generate(RealisticRun.Options with { Conferences = 20, InvalidShare = 0.05 }).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"deliveries-{Guid.NewGuid():N}.ndjson");
        try
        {
            await DeliveryFile.WriteAsync(deliveries, path, CancellationToken.None);
            var read = await DeliveryFile.ReadAsync(path, CancellationToken.None);

            Assert.Equal(deliveries, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Read_HandWrittenLineWithOnlyABody_IsAnOriginalDelivery()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deliveries-{Guid.NewGuid():N}.ndjson");
        try
        {
            await File.WriteAllTextAsync(path, """{"body":"{\"event\":\"x\"}"}""" + "\n\n");
            var read = await DeliveryFile.ReadAsync(path, CancellationToken.None);

            var delivery = Assert.Single(read);
            Assert.Equal((0L, DeliveryKind.Original, """{"event":"x"}"""), (delivery.SendOffsetMs, delivery.Kind, delivery.Body));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
