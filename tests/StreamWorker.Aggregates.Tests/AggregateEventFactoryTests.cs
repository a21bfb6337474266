using StreamWorker.Events;

namespace StreamWorker.Aggregates.Tests;

public class AggregateEventFactoryTests
{
    private static EventRawFields Raw(string name, long? conference = 1, long? company = 2, long? participant = 3, string? reason = null, string? status = null) =>
        new("id", name, 1000, conference, company, 4, participant, reason, status);

    [Fact]
    public void UnknownEventName_IsUnknown() =>
        Assert.Equal(EventRelevance.Unknown, AggregateEventFactory.Read(Raw("meeting_teleported")).Relevance);

    [Fact]
    public void StartRecording_IsConsumedForSessionsAndUsage() =>
        Assert.Equal(AggregateEventKind.StartRecording, AggregateEventFactory.Read(Raw("start_recording")).Event!.Kind);

    [Fact]
    public void DriveFileAdded_IsKeptUnderItsHost_WithItsSize()
    {
        var reading = AggregateEventFactory.Read(Raw("drive_file_added", conference: null, participant: null) with { Size = 2048 });

        Assert.Equal((StateKeys.HostScope(4), 2048L), (reading.Event!.ConferenceId, reading.Event.Size!.Value));
    }

    [Fact]
    public void DriveFileAdded_WithoutSize_IsUnusable() =>
        Assert.Equal("payload.size", Assert.Single(AggregateEventFactory.Read(Raw("drive_file_added", conference: null, participant: null)).Problems).Key);

    [Fact]
    public void LeaveWithReason_IsConsumedWithItsFields()
    {
        var reading = AggregateEventFactory.Read(Raw("leave_conference", reason: "host_kicked_blocked"));

        Assert.Equal(EventRelevance.Consumed, reading.Relevance);
        Assert.Equal(new AggregateEvent("id", AggregateEventKind.LeaveConference, 1000, 1, 2, 4, 3, LeaveReason.HostKickedBlocked, null), reading.Event);
    }

    [Fact]
    public void ConferenceEndWithoutCompanyOrParticipant_IsConsumed() =>
        Assert.Equal(EventRelevance.Consumed, AggregateEventFactory.Read(Raw("conference_end", company: null, participant: null)).Relevance);

    [Fact]
    public void LeaveWithoutReason_IsUnusableNamingTheField()
    {
        var reading = AggregateEventFactory.Read(Raw("leave_livestream"));

        Assert.Equal(EventRelevance.Unusable, reading.Relevance);
        Assert.Equal(
            [new("payload.reason_for_leaving", "required: user_exit, user_dropped, host_kicked or host_kicked_blocked")],
            reading.Problems);
    }

    [Fact]
    public void DialoutWithoutCompanyAndWithUnknownStatus_NamesBothFields()
    {
        var reading = AggregateEventFactory.Read(Raw("dialout_status_change", company: null, status: "joined"));

        Assert.Equal(EventRelevance.Unusable, reading.Relevance);
        Assert.Equal(
            [new("payload.company_id", "required: an integer identifier"),
             new("payload.status", "required: new, dialed, answered, rejected, noanswer, cancelled or notenabled")],
            reading.Problems);
    }

    [Fact]
    public void EnterWithoutConferenceOrParticipant_IsUnusable()
    {
        var reading = AggregateEventFactory.Read(Raw("enter_conference", conference: null, participant: null));

        Assert.Equal(["payload.conference_id", "payload.participant_id"], reading.Problems.Select(p => p.Key));
    }

    [Fact]
    public void EveryDocumentedEvent_IsConsumed()
    {
        var notConsumed = WebhookEventNames.All.Where(name => AggregateEventFactory.Read(Raw(name, reason: "user_exit", status: "new") with { Size = 1 }).Relevance != EventRelevance.Consumed);

        Assert.Empty(notConsumed);
    }

    [Fact]
    public void EveryDocumentedReasonForLeaving_IsADistinctReason()
    {
        var reasons = ReasonsForLeaving.All.Select(text => AggregateEventFactory.Read(Raw("leave_conference", reason: text)).Event?.Reason).ToList();

        Assert.Equal([LeaveReason.UserExit, LeaveReason.UserDropped, LeaveReason.HostKicked, LeaveReason.HostKickedBlocked], reasons);
    }

    [Fact]
    public void EveryDocumentedDialoutStatus_IsADistinctStatus()
    {
        var statuses = DialoutStatuses.All.Select(text => AggregateEventFactory.Read(Raw("dialout_status_change", status: text)).Event?.Status).ToList();

        Assert.Equal(
            [DialoutStatus.New, DialoutStatus.Dialed, DialoutStatus.Answered, DialoutStatus.Rejected, DialoutStatus.NoAnswer, DialoutStatus.Cancelled, DialoutStatus.NotEnabled],
            statuses);
    }
}
