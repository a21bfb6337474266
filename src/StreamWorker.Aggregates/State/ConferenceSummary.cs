namespace StreamWorker.Aggregates;

/// <summary>
/// The small per-conference record: identifiers, set sizes, and the generations that <c>conference_end</c> bumps
/// to empty a set without touching its members. Its size does not depend on the conference's size.
/// </summary>
/// <param name="ParticipantGeneration">A participant is present when its <see cref="PresenceValue"/> has this generation.</param>
/// <param name="MemberKeys">Entries of the conference's member list (participants and viewers ever seen), for expiry.</param>
/// <param name="AttemptKeys">Entries of the conference's dial-out attempt list, for expiry.</param>
/// <param name="SeenKeys">Entries of the conference's seen event ids list, for expiry.</param>
/// <param name="ExpiryBucketMs">The expiry bucket the conference is queued in.</param>
public sealed record ConferenceSummary(
    long Offset,
    long? CompanyId,
    long? HostId,
    long LastEventTimeMs,
    int Participants,
    int ParticipantGeneration,
    int Viewers,
    int ViewerGeneration,
    int MemberKeys,
    int AttemptKeys,
    int SeenKeys,
    long ExpiryBucketMs) : StateValue(Offset);
