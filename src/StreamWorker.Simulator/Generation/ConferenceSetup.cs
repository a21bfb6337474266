namespace StreamWorker.Simulator.Generation;

/// <summary>The fixed facts of one simulated conference; times are offsets in milliseconds from the traffic start.</summary>
internal sealed record ConferenceSetup(
    long ConferenceId,
    long CompanyId,
    long HostId,
    long StartMs,
    long EndMs,
    bool DialoutEnabled,
    long? ReusedCodeOfConferenceId);
