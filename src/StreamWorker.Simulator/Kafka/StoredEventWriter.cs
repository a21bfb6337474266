using System.Diagnostics.CodeAnalysis;
using System.Text;
using StreamWorker.Events;
using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Kafka;

/// <summary>
/// Turns a delivery into the record the gateway would have written to <c>webhook-events</c> (docs/topics.md),
/// for filling the topic directly in the processor benchmark. It runs the gateway's own <see cref="WebhookIntake"/>
/// with <c>received_at</c> at the delivery's send time, so key, value, event id and headers are the gateway's:
/// re-deliveries share their event id, identifiers are integers, personal data is hashed.
/// </summary>
internal static class StoredEventWriter
{
    // Benchmark data only: a fixed key keeps prefilled topics reproducible.
    private static readonly WebhookIntake Intake = new(
        new WebhookIntakeOptions { PersonalData = PersonalDataMode.Hash, HashKey = "streamworker-simulator-prefill"u8.ToArray() },
        TimeProvider.System);

    /// <returns>False for a delivery the gateway would not store in the events topic (refused or dead-lettered).</returns>
    public static bool TryWrite(Delivery delivery, DateTimeOffset trafficStart, [NotNullWhen(true)] out IntakeResult? stored)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        stored = null;
        if (delivery.Kind == DeliveryKind.Invalid)
        {
            return false;
        }

        var result = Intake.Process(Encoding.UTF8.GetBytes(delivery.Body), trafficStart.AddMilliseconds(delivery.SendOffsetMs));
        if (result.Status != IntakeStatus.Accepted)
        {
            return false;
        }

        stored = result;
        return true;
    }
}
