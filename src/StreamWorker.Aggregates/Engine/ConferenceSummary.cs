namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The small per-conference record the engine keeps: the conference's last company and host, its last event time
/// (for retention), the counts and generations of the rules' presence sets, and the lengths of its lists. Its size
/// does not depend on the conference's size.
/// </summary>
/// <param name="Sets">Count and generation of every presence set the rules keep, in registration order.</param>
/// <param name="OwnedKeys">Entries of the conference's owned-key list (members, attempts), for expiry.</param>
/// <param name="SeenKeys">Entries of the conference's seen event ids list, for expiry.</param>
/// <param name="ExpiryBucketMs">The expiry bucket the conference is queued in.</param>
public sealed record ConferenceSummary(
    long Offset,
    long? CompanyId,
    long? HostId,
    long LastEventTimeMs,
    PresenceCounts Sets,
    int OwnedKeys,
    int SeenKeys,
    long ExpiryBucketMs) : StateValue(Offset);
