using StreamWorker.Aggregates.Tests.Support;
using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

/// <summary>
/// A partition read again from offset 0 against a store that holds every write made before the restart (exactly-once
/// on the embedded broker, which keeps the state but not the input offsets). Records up to the restored progress were
/// handled completely; reading them again must change no key, even one the record did not write the first time
/// because it changed nothing (an enter of a participant already present), whose meaning a later record has changed
/// since (a <c>conference_end</c> starts a new generation of the participant set).
/// </summary>
public class ReplayFromTheStartTests
{
    [Fact]
    public void EnterOfAPresentParticipant_ReadAgainAfterAConferenceEnd_DoesNotBringTheParticipantBack()
    {
        AggregateEvent[] before =
        [
            Enter("enter", At(10, 0), 1),
            Enter("enter-again", At(10, 20), 1),    // already present: changes nothing, writes no member key
            End("end", At(15, 0)),                  // closes the 10:00 window, new generation: nobody present
        ];
        var rejoin = Enter("rejoin", At(16, 0), 1);
        var reference = new ConferenceRun().ApplyAll([.. before, rejoin]);

        // The restart comes before any commit after the close, so the closed window's delete has not run yet.
        var first = new ConferenceRun().ApplyAll(before);
        var restarted = new ConferenceRun(store: MemoryStageStore.Restore(first.State.Log, first.State.Log.Count), firstOffset: 0);
        restarted.ApplyAll([.. before, rejoin]);

        var expected = reference.ParticipantsRecords.Last(r => r.WindowStartMs == At(16));
        var actual = restarted.ParticipantsRecords.Last(r => r.WindowStartMs == At(16));
        Assert.Equal(1, expected.Joins);
        Assert.Equal(expected, actual);
        Assert.Equal(reference.Participants, restarted.Participants);
    }

    [Fact]
    public void EnterOfAPresentViewer_ReadAgainAfterAConferenceEnd_DoesNotBringTheViewerBack()
    {
        AggregateEvent[] before =
        [
            Watch("watch", At(10, 0), 7),
            Watch("watch-again", At(10, 20), 7),
            End("end", At(10, 40)),                  // same 5-minute churn window, still open at the restart
        ];
        var rewatch = Watch("rewatch", At(11, 0), 7);
        var reference = new ConferenceRun().ApplyAll([.. before, rewatch]);

        var first = new ConferenceRun().ApplyAll(before);
        var restarted = new ConferenceRun(store: MemoryStageStore.Restore(first.State.Log, first.State.Log.Count), firstOffset: 0);
        restarted.ApplyAll([.. before, rewatch]);

        Assert.Equal(reference.ChurnRecords[^1], restarted.ChurnRecords[^1]);
        Assert.Equal(reference.Viewers, restarted.Viewers);
    }

    [Fact]
    public void ConferenceEnd_ReadAgainAfterItsFinalRecordWentOut_LeavesTheFinalRecordLast()
    {
        // The session ends at 01:00; another conference's event at 10:00 closes it (its final record goes out); the
        // restart comes before any commit, so the replay starts at the restored stream time of 10:00 and drains the
        // final record again before it reads the conference_end that ended the session.
        AggregateEvent[] events = [Enter("enter", At(0), 1), End("end", At(1)), Enter("other", At(10), 2) with { ConferenceId = Conference + 1 }];
        var first = new ConferenceRun().ApplyAll(events);
        var restarted = new ConferenceRun(store: MemoryStageStore.Restore(first.State.Log, first.State.Log.Count), firstOffset: 0);

        restarted.ApplyAll(events);

        var expected = Assert.Single(first.SessionRecords, r => r.Final && r.ConferenceId == Conference);
        Assert.Equal(expected, restarted.SessionRecords.Last(r => r.ConferenceId == Conference));
    }
}
