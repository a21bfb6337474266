namespace StreamWorker.Aggregates.Input;

/// <summary>
/// The result of <see cref="AggregateEventFactory.Read"/>: the event when it is <see cref="EventRelevance.Consumed"/>,
/// otherwise the problems (field path → message) that made it <see cref="EventRelevance.Unusable"/>.
/// </summary>
public sealed record EventReading(EventRelevance Relevance, AggregateEvent? Event, IReadOnlyList<KeyValuePair<string, string>> Problems);
