namespace StreamWorker.Aggregates.Sessions;

/// <summary>Why a session ended: its conference's <c>conference_end</c>, or no event for <c>Processor:SessionTimeout</c>.</summary>
public enum SessionEndReason
{
    ConferenceEnd,
    Timeout,
}
