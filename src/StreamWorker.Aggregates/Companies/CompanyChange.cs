namespace StreamWorker.Aggregates.Companies;

/// <summary>
/// What the conference stage tells the company stage on the repartition topic, keyed by company: a dial-out attempt
/// change, a usage count, or an events partition's progress (<see cref="DialoutAttemptChange.Progress"/>).
/// <paramref name="EventTimeMs"/> is the time of the event that caused it (or the progress's stream time).
/// </summary>
public abstract record CompanyChange(long EventTimeMs);
