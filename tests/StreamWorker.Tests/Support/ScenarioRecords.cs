using System.Text;
using Microsoft.Extensions.Time.Testing;
using StreamWorker.Events;
using StreamWorker.Tests.Support.Oracle;

namespace StreamWorker.Tests.Support;

/// <summary>
/// <c>webhook-events</c> records made from scenario deliveries by the gateway's own <see cref="WebhookIntake"/>, for
/// tests that write the events topic directly instead of posting to a gateway.
/// </summary>
public static class ScenarioRecords
{
    private static readonly byte[] HashKey = Encoding.UTF8.GetBytes("reliability-test-hash-key");

    /// <summary>The deliveries in order; received 3 ms apart, after the latest event time, so that none is in the future.</summary>
    public static IReadOnlyList<ScenarioRecord> Intake(IReadOnlyList<OracleDelivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var clock = new FakeTimeProvider(deliveries.Max(d => d.Timestamp) + TimeSpan.FromMinutes(1));
        var intake = new WebhookIntake(new WebhookIntakeOptions { PersonalData = PersonalDataMode.Hash, HashKey = HashKey }, clock);
        var records = new List<ScenarioRecord>(deliveries.Count);
        foreach (var delivery in deliveries)
        {
            clock.Advance(TimeSpan.FromMilliseconds(3));
            records.Add(Accepted(intake, delivery.Event, delivery.Body));
        }

        return records;
    }

    /// <summary>One record, for small hand-written scenarios.</summary>
    public static ScenarioRecord One(string eventName, string payload, DateTimeOffset at)
    {
        var intake = new WebhookIntake(new WebhookIntakeOptions { PersonalData = PersonalDataMode.Hash, HashKey = HashKey }, new FakeTimeProvider(at + TimeSpan.FromSeconds(1)));
        return Accepted(intake, eventName, WebhookSamples.Body(eventName, payload, at));
    }

    /// <summary>"N events (K record keys, R re-deliveries)" for a test's output.</summary>
    public static string Describe(IReadOnlyList<ScenarioRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var redeliveries = records.Count - records.Select(r => r.EventId).Distinct().Count();
        return $"{records.Count} events ({records.Select(r => r.Key).Distinct().Count()} record keys, {redeliveries} re-deliveries)";
    }

    private static ScenarioRecord Accepted(WebhookIntake intake, string eventName, string body)
    {
        var result = intake.Process(Encoding.UTF8.GetBytes(body));
        return result.Status == IntakeStatus.Accepted
            ? new ScenarioRecord(result.Key, result.Value.ToArray(), result.EventId!)
            : throw new InvalidOperationException($"{eventName} not accepted: {string.Join(", ", result.Errors)}");
    }
}
