namespace StreamWorker.Tests.Support;

/// <summary>One <c>webhook-events</c> record as the gateway would write it.</summary>
public sealed record ScenarioRecord(string? Key, byte[] Value, string EventId);
