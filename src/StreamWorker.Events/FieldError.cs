namespace StreamWorker.Events;

/// <summary>One invalid field: its path (<c>timestamp</c>, <c>payload.participant_id</c>) and what is wrong.</summary>
public sealed record FieldError(string Field, string Message);
