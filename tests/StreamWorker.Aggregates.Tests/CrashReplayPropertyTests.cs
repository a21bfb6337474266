using FsCheck.Xunit;

namespace StreamWorker.Aggregates.Tests;

/// <summary>
/// At-least-once restarts, exhaustively: the stage commits after any event, crashes after any later write (the
/// restored store holds exactly the writes the changelog received), and reads again from the commit. Whatever the
/// crash point, the latest record of every window, the final records and the state end as in a run without a crash.
/// The stage holds its writes back in a cache of 1 to 12 keys (or none), flushed at commits and whenever full, so
/// crashes land in the middle of flushes that coalesce the writes of many events.
/// </summary>
public class CrashReplayPropertyTests
{
    [Property(MaxTest = 500)]
    public bool CrashAtAnyWrite_ReplayFromTheLastCommit_EndsExactlyAsWithoutTheCrash(byte[] bytes, int commitSeed, int crashSeed, int[] redeliveries, int cacheSeed) =>
        Difference(bytes, commitSeed, crashSeed, redeliveries, cacheSeed: cacheSeed) is null;

    /// <summary>
    /// The same when the input offsets lag behind the committed state (a broker that committed the state but not the
    /// offsets, as the embedded broker does under exactly_once): the partition is read again from an earlier offset.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool CrashAtAnyWrite_ReplayFromAnEarlierOffset_EndsExactlyAsWithoutTheCrash(byte[] bytes, int commitSeed, int crashSeed, int[] redeliveries, int lagSeed, int cacheSeed) =>
        Difference(bytes, commitSeed, crashSeed, redeliveries, lagSeed, cacheSeed) is null;

    /// <summary>
    /// Found by the properties above: a crash after <c>conference_end</c> wrote the summary (a new generation of the
    /// participant set), then a replay of an earlier, complete <c>enter_conference</c> of a participant already present.
    /// Computed again, that enter would find the participant absent in the new generation and store it present there,
    /// so that its next real join would not count.
    /// </summary>
    [Fact]
    public void CrashAfterConferenceEnd_ReplayOfAnEarlierCompleteEnter_ChangesNothing() =>
        Assert.Null(Difference([0, 59, 0, 0, 119, 0, 161, 0, 0], commitSeed: 1, crashSeed: 13, redeliveries: []));

    [Property(MaxTest = 500)]
    public bool Commits_AfterAnyEvents_ChangeNoRecord(byte[] bytes, bool[] commitAfter)
    {
        var events = ArbitraryEvents.From(bytes);
        var never = new ConferenceRun(Support.Events.ShortSessions).ApplyAll([.. events]);
        var often = new ConferenceRun(Support.Events.ShortSessions);
        for (var i = 0; i < events.Count; i++)
        {
            often.Apply(events[i]);
            if (commitAfter is { Length: > 0 } && commitAfter[i % commitAfter.Length]) often.Commit();
        }

        return never.ParticipantsRecords.SequenceEqual(often.ParticipantsRecords)
            && never.ChurnRecords.SequenceEqual(often.ChurnRecords)
            && never.DialoutRecords.SequenceEqual(often.DialoutRecords)
            && never.SessionRecords.SequenceEqual(often.SessionRecords)
            && never.UsageRecords.SequenceEqual(often.UsageRecords);
    }

    /// <summary>What differs between the crashed-and-replayed run and the reference, or null when nothing does.</summary>
    internal static string? Difference(byte[] bytes, int commitSeed, int crashSeed, int[] redeliveries, int lagSeed = 0, int cacheSeed = 0)
    {
        var cacheKeys = Math.Abs(cacheSeed % 13);
        var events = ArbitraryEvents.From(bytes);
        foreach (var r in redeliveries ?? [])
        {
            if (events.Count < 2) break;
            var original = events[Math.Abs(r % events.Count)];
            events.Insert(Math.Min(events.Count, events.IndexOf(original) + 1 + Math.Abs(r / 5 % 4)), original);
        }

        if (events.Count == 0) return null;
        var reference = new ConferenceRun(Support.Events.ShortSessions).ApplyAll([.. events]);

        // The run that crashes: commits up to the one after event `commit - 1`, then the crash after some later write.
        var commit = Math.Abs(commitSeed % (events.Count + 1));
        var crashed = new ConferenceRun(Support.Events.ShortSessions, cacheKeys: cacheKeys);
        var (logAtCommit, participantsAtCommit, churnAtCommit, sessionsAtCommit) = (0, 0, 0, 0);
        var changesBeforeCommit = new List<CompanyChange>();
        for (var i = 0; i <= events.Count; i++)
        {
            // Commits after every event up to the last one (so deferred deletes of closed windows run too).
            if (i < commit) crashed.Commit();
            if (i == commit)
            {
                crashed.Commit();
                (logAtCommit, participantsAtCommit, churnAtCommit, sessionsAtCommit) = (crashed.Store.Log.Count, crashed.ParticipantsRecords.Count, crashed.ChurnRecords.Count, crashed.SessionRecords.Count);
                changesBeforeCommit = [.. crashed.SentChanges];
            }

            if (i < events.Count) crashed.Apply(events[i]);
        }

        var crashAt = logAtCommit + Math.Abs(crashSeed % (crashed.Store.Log.Count - logAtCommit + 1));
        var restored = MemoryStageStore.Restore(crashed.Store.Log, crashAt);

        // Records of events before the commit reached their topics; later ones may not have.
        var readFrom = commit - Math.Abs(lagSeed % (commit + 1));
        var replay = new ConferenceRun(Support.Events.ShortSessions, store: restored, firstOffset: readFrom, cacheKeys: cacheKeys);
        changesBeforeCommit.ForEach(replay.ApplyChange);
        replay.ApplyAll([.. events.Skip(readFrom)]);
        // One more record of the partition (at no later time) lets the restarted stage redo the closes it had done
        // before the crash, whose deletes were waiting for a commit that never came.
        foreach (var run in new[] { reference, replay })
        {
            run.AdvanceStreamTime(reference.StreamTime);
            run.Commit();
            run.Commit();
        }

        // Then an hour of idle close, so that every session ends and every window closes: a session's latest record
        // is exact once its final record is out (a replayed event whose session a later record has already ended by
        // timeout emits nothing of it; the ended session's final record carries it).
        var end = reference.StreamTime;
        foreach (var run in new[] { reference, replay })
        {
            run.AdvanceIdle(end + (60 * 60_000));
            run.Commit();
            run.AdvanceIdle(end + (61 * 60_000));
            run.Commit();
        }

        var participants = crashed.ParticipantsRecords.Take(participantsAtCommit).Concat(replay.ParticipantsRecords).ToList();
        var churn = crashed.ChurnRecords.Take(churnAtCommit).Concat(replay.ChurnRecords).ToList();
        var sessions = crashed.SessionRecords.Take(sessionsAtCommit).Concat(replay.SessionRecords).ToList();
        var checks = new (string What, string Crashed, string Reference)[]
        {
            ("participants", Show(Latest(participants, p => (p.ConferenceId, p.WindowStartMs))), Show(Latest(reference.ParticipantsRecords, p => (p.ConferenceId, p.WindowStartMs)))),
            ("churn", Show(Latest(churn, c => (c.ConferenceId, c.WindowStartMs))), Show(Latest(reference.ChurnRecords, c => (c.ConferenceId, c.WindowStartMs)))),
            ("dial-out", Show(Latest(replay.DialoutRecords, d => (d.CompanyId, d.WindowStartMs))), Show(Latest(reference.DialoutRecords, d => (d.CompanyId, d.WindowStartMs)))),
            ("final participants", Show(participants.Where(p => p.Final).Distinct().OrderBy(p => (p.ConferenceId, p.WindowStartMs))), Show(reference.FinalParticipants.OrderBy(p => (p.ConferenceId, p.WindowStartMs)))),
            ("final dial-out", Show(replay.FinalDialout.Distinct().OrderBy(d => (d.CompanyId, d.WindowStartMs))), Show(reference.FinalDialout.OrderBy(d => (d.CompanyId, d.WindowStartMs)))),
            ("final churn", Show(churn.Where(c => c.Final).Distinct().OrderBy(c => (c.ConferenceId, c.WindowStartMs))), Show(reference.FinalChurn.OrderBy(c => (c.ConferenceId, c.WindowStartMs)))),
            ("sessions", Show(Latest(sessions, x => (x.ConferenceId, x.StartedAtMs))), Show(Latest(reference.SessionRecords, x => (x.ConferenceId, x.StartedAtMs)))),
            // Two sessions of a conference can end up with equal records (opened and timed out at the same time).
            ("final sessions", Show(sessions.Where(x => x.Final).Distinct().OrderBy(x => (x.ConferenceId, x.StartedAtMs))), Show(reference.SessionRecords.Where(x => x.Final).Distinct().OrderBy(x => (x.ConferenceId, x.StartedAtMs)))),
            ("usage", Show(Latest(replay.UsageRecords, u => (u.CompanyId, u.WindowStartMs))), Show(Latest(reference.UsageRecords, u => (u.CompanyId, u.WindowStartMs)))),
            ("state", replay.Fingerprint(), reference.Fingerprint()),
        };
        return checks.Where(c => c.Crashed != c.Reference).Select(c => $"{c.What}:\n{c.Crashed}\n-- reference:\n{c.Reference}").FirstOrDefault()
            is { } difference ? difference + "\n-- replay log:\n" + string.Join("\n", replay.Store.Log.Select(l => l.Key + (l.Value is null ? " deleted" : ""))) + "\n-- crashed log:\n" + string.Join("\n", crashed.Store.Log.Select(l => l.Key + (l.Value is null ? " deleted" : ""))) + $"\n commit at {logAtCommit}, crash at {crashAt}\n" + string.Join("\n", events) + "\n--replay results\n" + string.Join("\n", replay.Results.Select(r => $"{r.Decision} {r.AppliedBy} {r.LateFor}")) + "\n--crashed results\n" + string.Join("\n", crashed.Results.Select(r => $"{r.Decision} {r.AppliedBy} {r.LateFor}")) : null;
    }

    private static string Show<T>(IEnumerable<T> records) => string.Join("\n", records);

    /// <summary>The latest record per (key, window), in key order: what a consumer that keeps the latest holds.</summary>
    private static List<T> Latest<T>(IEnumerable<T> records, Func<T, (long, long)> window) =>
        records.GroupBy(window).OrderBy(g => g.Key).Select(g => g.Last()).ToList();
}
