namespace StreamWorker.Simulator.Generation;

/// <summary>
/// One HTTP request of the simulated platform: the exact body, and when to send it,
/// in milliseconds after the start of the traffic (the event time offset plus any delivery delay).
/// </summary>
internal sealed record Delivery(long SendOffsetMs, DeliveryKind Kind, string Event, string Body)
{
    /// <summary>A 4xx answer is the expected outcome only for deliberately invalid requests.</summary>
    public bool ExpectsAcceptance => Kind != DeliveryKind.Invalid;
}
