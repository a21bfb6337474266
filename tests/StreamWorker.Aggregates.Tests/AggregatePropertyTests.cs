using FsCheck.Xunit;
using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

/// <summary>
/// Properties over arbitrary event sequences of one conference: four participants, every consumed kind,
/// times spread over 85 minutes in any order (so some events are late).
/// </summary>
public class AggregatePropertyTests
{
    [Property]
    public bool RedeliveringAnyPrefix_ChangesNoStateAndEmitsNothing(byte[] bytes, int prefixSeed)
    {
        var events = ArbitraryEvents.From(bytes);
        var run = new ConferenceRun().ApplyAll([.. events]);
        var before = run.Fingerprint();
        var emitted = run.DialoutRecords.Count;
        var prefix = events.Count == 0 ? 0 : Math.Abs(prefixSeed % (events.Count + 1));

        // An event found late is not marked seen by the aggregates it was late for (docs/aggregates.md). Where lateness
        // depends on state that later events change (a dial-out event belongs to "the attempt" current when it is read;
        // an event is late for sessions by the open session's clock, not once the session has ended), a re-delivery may
        // be on time: those are left out of the replay (docs/topology.md, "Restarts").
        var lateDialouts = events.Where((e, i) => LateByState(e, run.Results[i])).ToHashSet();
        var replay = events.Take(prefix).Where(e => !lateDialouts.Contains(e)).Select(run.Apply).ToList();

        return replay.All(r => r.Decision != EventDecision.Applied && r.Output<ParticipantsRecord>() is null && r.Output<LivestreamChurnRecord>() is null && r.Output<DialoutAttemptChange>() is null)
            && before == run.Fingerprint()
            && run.DialoutRecords.Count == emitted;
    }

    /// <summary>Late for an aggregate whose lateness depends on its state, not on stream time alone (dial-out attempts, sessions).</summary>
    private static bool LateByState(AggregateEvent e, ConferenceStepResult result) =>
        result.LateFor.HasFlag(AggregateSet.Sessions) || (e.Kind == AggregateEventKind.DialoutStatusChange && !result.AppliedBy.HasFlag(AggregateSet.DialoutAnswerRate));

    [Property]
    public bool RedeliveriesAnywhereAfterTheOriginal_ChangeNeitherStateNorRecords(byte[] bytes, int[] positions)
    {
        var events = ArbitraryEvents.From(bytes);
        var plain = new ConferenceRun().ApplyAll([.. events]);

        // As in RedeliveringAnyPrefix: a dial-out event found late is not marked seen (docs/aggregates.md), and a later
        // re-delivery belongs to whatever attempt is current then, which may be open: it is no duplicate.
        var candidates = events.Where((e, i) => !LateByState(e, plain.Results[i])).ToList();
        var withRedeliveries = new List<AggregateEvent>(events);
        foreach (var position in positions ?? [])
        {
            if (candidates.Count == 0) break;
            var original = candidates[Math.Abs(position % candidates.Count)];
            var originalAt = withRedeliveries.IndexOf(original);
            var after = Math.Abs(position / 7 % (withRedeliveries.Count - originalAt));
            withRedeliveries.Insert(originalAt + 1 + after, original);
        }

        var redelivered = new ConferenceRun().ApplyAll([.. withRedeliveries]);

        return plain.Fingerprint() == redelivered.Fingerprint()
            && Emitted(plain).SequenceEqual(Emitted(redelivered))
            && plain.DialoutRecords.SequenceEqual(redelivered.DialoutRecords);
    }

    [Property]
    public bool Counts_AreNeverNegative_AndConsistent(byte[] bytes)
    {
        var events = ArbitraryEvents.From(bytes);
        var run = new ConferenceRun().ApplyAll([.. events]);

        // Read in time order, a window's leaves cannot exceed what it started with plus what entered. Out of order,
        // an event of an earlier window read after this window's record was created changes the set unseen by it.
        var inOrder = events.Zip(events.Skip(1)).All(p => p.First.TimeMs <= p.Second.TimeMs);

        var participantsOk = run.Results.Select(r => r.Output<ParticipantsRecord>()).OfType<ParticipantsRecord>().All(p =>
            p.Joins >= 0 && p.Leaves >= 0 && p.Concurrent >= 0 && p.PeakConcurrent >= p.Concurrent
            && p.Leaves == p.LeavesByReason.UserExit + p.LeavesByReason.UserDropped + p.LeavesByReason.HostKicked + p.LeavesByReason.HostKickedBlocked + p.LeavesByReason.ConferenceEnd);
        var churnOk = run.Results.Select(r => r.Output<LivestreamChurnRecord>()).OfType<LivestreamChurnRecord>().All(c =>
            c.ViewersAtStart >= 0 && c.Enters >= 0 && c.Leaves >= 0 && c.PeakViewers >= c.ViewersAtStart
            && (!inOrder || c.Leaves <= c.ViewersAtStart + c.Enters)
            && (c.ChurnRate is null ? c.ViewersAtStart + c.Enters == 0 : c.ChurnRate >= 0 && (!inOrder || c.ChurnRate <= 1)));
        var dialoutOk = run.DialoutRecords.All(d =>
            d.Answered + d.Rejected + d.NoAnswer + d.Cancelled + d.NotEnabled + d.Pending == d.Attempts
            && new[] { d.Answered, d.Rejected, d.NoAnswer, d.Cancelled, d.NotEnabled, d.Pending }.All(n => n >= 0)
            && (d.AnswerRate is null || (d.AnswerRate >= 0 && d.AnswerRate <= 1)));
        return participantsOk && churnOk && dialoutOk;
    }

    [Property]
    public bool LateEvents_NeverChangeState(byte[] bytes)
    {
        var run = new ConferenceRun();
        foreach (var e in ArbitraryEvents.From(bytes))
        {
            var before = run.Fingerprint();
            var result = run.Apply(e);
            if (result.AppliedBy == AggregateSet.None && before != run.Fingerprint()) return false;
        }

        return true;
    }

    private static IEnumerable<object?> Emitted(ConferenceRun run) =>
        run.Results.Where(r => r.AppliedBy != AggregateSet.None).SelectMany(r => new object?[] { r.Output<ParticipantsRecord>(), r.Output<LivestreamChurnRecord>(), r.Output<DialoutAttemptChange>() });
}
