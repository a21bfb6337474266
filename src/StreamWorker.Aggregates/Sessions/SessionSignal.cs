namespace StreamWorker.Aggregates.Sessions;

/// <summary>For telemetry: a session opened (<paramref name="Ended"/> null) or ended, with its totals when it ended.</summary>
public sealed record SessionSignal(SessionEndReason? Ended, long ParticipantMs = 0, long RecordingMs = 0);
