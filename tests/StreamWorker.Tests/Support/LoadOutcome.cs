using System.Net;

namespace StreamWorker.Tests.Support;

/// <summary>What one request of a load run got back; <see cref="Status"/> is null for a connection error; times are from the start of the run.</summary>
public sealed record LoadOutcome(int Index, HttpStatusCode? Status, string? EventId, bool HasRetryAfter, TimeSpan SentAt, TimeSpan AnsweredAt);
