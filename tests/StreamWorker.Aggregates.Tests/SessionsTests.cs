using FsCheck.Xunit;
using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

public class SessionsTests
{
    [Fact]
    public void Session_AccruesParticipantTimeOverItsClock_AndEndsWithConferenceEnd()
    {
        var run = new ConferenceRun().ApplyAll(
            Enter("a", At(0), 1), Enter("b", At(1), 2), Leave("c", At(2), 1), Of(AggregateEventKind.StartRecording, "d", At(2)), End("e", At(3)));

        var ended = run.SessionRecords[^1];
        Assert.Equal((At(0), At(3), SessionEndReason.ConferenceEnd, 180_000L), (ended.StartedAtMs, ended.EndedAtMs!.Value, ended.EndReason!.Value, ended.DurationMs));
        Assert.Equal((2, 2, (60_000L * 1) + (60_000L * 2) + (60_000L * 1)), (ended.Participants, ended.PeakConcurrent, ended.ParticipantMs));
        Assert.Equal((1, 1, 60_000L), (ended.LeavesByReason.UserExit, ended.LeavesByReason.ConferenceEnd, ended.RecordingMs));
        Assert.False(ended.Final);
    }

    [Fact]
    public void Session_GetsItsFinalRecord_OnceStreamTimePassesItsEndPlusGrace()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1), End("b", At(1)));
        run.AdvanceStreamTime(At(3, 30));
        Assert.DoesNotContain(run.SessionRecords, r => r.Final);

        run.AdvanceStreamTime(At(4, 1));

        Assert.Equal(run.SessionRecords[^2] with { Final = true }, Assert.Single(run.SessionRecords, r => r.Final));
    }

    [Fact]
    public void ConferenceEnd_WhoseCloseIsAlreadyDue_EmitsTheFinalRecordAtOnce()
    {
        // Stream time 10:00 from another conference; the session's clock is 00:00, so its end at 00:00 is due to close.
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1));
        run.AdvanceStreamTime(At(10));

        var result = run.Apply(End("b", At(0)));

        var records = result.Outputs.OfType<SessionRecord>().ToList();
        Assert.Equal([false, true], records.Select(r => r.Final));
        Assert.Equal(records[0] with { Final = true }, records[1]);
    }

    [Fact]
    public void EventsAfterTheEnd_FindNoSession_AndAnEnterOpensTheNext()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1), End("b", At(1)), Leave("c", At(1, 10), 1), Enter("d", At(2), 1));

        Assert.Contains(run.Results[2].Signals, s => s is Unattributed { Outcome: "no_session" });
        var sessions = run.SessionRecords.GroupBy(r => r.StartedAtMs).Select(g => g.Last()).ToList();
        Assert.Equal([At(0), At(2)], sessions.Select(s => s.StartedAtMs));
        Assert.Equal(1, sessions[1].Participants);
    }

    [Fact]
    public void Participant_WhoseLeaveCameFirst_CountsOnceWhenEntering()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1), Leave("b", At(1), 2), Enter("c", At(2), 2), Leave("d", At(3), 2), Enter("e", At(4), 2));

        Assert.Equal((2, 2), (run.SessionRecords[^1].Participants, run.SessionRecords[^1].PeakConcurrent));
    }

    [Fact]
    public void OpeningEvent_BeforeThePreviousSessionsEnd_IsLate()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1), End("b", At(5)));

        var late = run.Apply(Enter("c", At(4), 2));

        Assert.True(late.LateFor.HasFlag(AggregateSet.Sessions));
    }

    [Fact]
    public void QuietSession_EndsByTimeoutAtItsClock_WithOneFinalRecord()
    {
        var run = new ConferenceRun(ShortSessions).ApplyAll(Enter("a", At(0), 1), Enter("b", At(5), 2));

        // Due at 25:00 (clock 05:00 plus the timeout); ended when stream time passes it, final within the next minute.
        run.AdvanceIdle(At(27));
        run.AdvanceIdle(At(28, 1));

        var timedOut = run.SessionRecords.Where(r => r.EndReason == SessionEndReason.Timeout).ToList();
        var record = Assert.Single(timedOut);
        Assert.True(record.Final);
        Assert.Equal((At(5), 300_000L, 2), (record.EndedAtMs!.Value, record.ParticipantMs, record.PeakConcurrent));
        Assert.Equal(0, record.LeavesByReason.ConferenceEnd);
    }

    [Fact]
    public void DialoutAttempts_StartedInTheSession_AreCountedWithTheirAnswers()
    {
        var run = new ConferenceRun().ApplyAll(
            Enter("a", At(0), 1), Dial("b", At(1), 7, DialoutStatus.New), Dial("c", At(2), 7, DialoutStatus.Answered), Dial("d", At(3), 8, DialoutStatus.Rejected));

        var session = run.SessionRecords[^1];
        Assert.Equal((2, 1), (session.DialoutAttempts, session.DialoutAnswered));
    }

    [Property(MaxTest = 300)]
    public bool ParticipantTime_NeverExceedsPeakTimesDuration(byte[] bytes)
    {
        var run = new ConferenceRun(ShortSessions).ApplyAll([.. ArbitraryEvents.From(bytes)]);
        return run.SessionRecords.All(r => r.ParticipantMs <= (long)r.PeakConcurrent * r.DurationMs && r.ViewerMs <= (long)r.PeakViewers * r.DurationMs
            && r.RecordingMs <= r.DurationMs && r.DurationMs >= 0);
    }
}
