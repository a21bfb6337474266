namespace StreamWorker.Simulator.Generation;

/// <summary>
/// The fixed facts of one simulated conference; times are offsets in milliseconds from the traffic start.
/// <paramref name="Participants"/> and <paramref name="Viewers"/> fix the audience of a large conference (the
/// benchmark's one-conference shape); null lets the script draw a small one.
/// </summary>
internal sealed record ConferenceSetup(
    long ConferenceId,
    long CompanyId,
    long HostId,
    long StartMs,
    long EndMs,
    bool DialoutEnabled,
    long? ReusedCodeOfConferenceId,
    int? Participants = null,
    int? Viewers = null);
