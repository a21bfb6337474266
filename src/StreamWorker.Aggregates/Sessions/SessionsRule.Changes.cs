namespace StreamWorker.Aggregates.Sessions;

/// <summary>What each event does to an open session, once the session's quantities are accrued to its time.</summary>
public sealed partial class SessionsRule
{
    private static SessionState Change(AggregateEvent e, RuleContext context, SessionState s, bool attemptStarted)
    {
        var r = s.Record;
        switch (e.Kind)
        {
            case AggregateEventKind.EnterConference:
            case AggregateEventKind.LeaveConference:
            {
                var enter = e.Kind == AggregateEventKind.EnterConference;
                var (move, joined) = Move(context, ParticipantKey(e.ConferenceId, e.ParticipantId!.Value), s.StartOffset, enter);
                if (move == 0) return s;
                var present = s.Present + move;
                return s with
                {
                    Present = present,
                    Record = r with
                    {
                        Participants = r.Participants + (joined ? 1 : 0),
                        PeakConcurrent = Math.Max(r.PeakConcurrent, present),
                        LeavesByReason = enter ? r.LeavesByReason : r.LeavesByReason.Count(e.Reason!.Value),
                    },
                };
            }

            case AggregateEventKind.EnterLivestream:
            case AggregateEventKind.LeaveLivestream:
            {
                var enter = e.Kind == AggregateEventKind.EnterLivestream;
                var (move, joined) = Move(context, ViewerKey(e.ConferenceId, e.ParticipantId!.Value), s.StartOffset, enter);
                if (move == 0) return s;
                var present = s.PresentViewers + move;
                return s with
                {
                    PresentViewers = present,
                    Record = r with
                    {
                        Viewers = r.Viewers + (joined ? 1 : 0),
                        PeakViewers = Math.Max(r.PeakViewers, present),
                        ViewerLeavesByReason = enter ? r.ViewerLeavesByReason : r.ViewerLeavesByReason.Count(e.Reason!.Value),
                    },
                };
            }

            case AggregateEventKind.StartRecording: return s with { On = s.On | SessionActivity.Recording };
            case AggregateEventKind.StopRecording: return s with { On = s.On & ~SessionActivity.Recording };
            case AggregateEventKind.StartStreaming: return s with { On = s.On | SessionActivity.Streaming };
            case AggregateEventKind.StopStreaming: return s with { On = s.On & ~SessionActivity.Streaming };
            case AggregateEventKind.StartBroadcasting: return s with { On = s.On | SessionActivity.Broadcasting };
            case AggregateEventKind.StopBroadcasting: return s with { On = s.On & ~SessionActivity.Broadcasting };
            case AggregateEventKind.ParticipantRoleChanged: return s with { Record = r with { RoleChanges = r.RoleChanges + 1 } };
            case AggregateEventKind.DialoutStatusChange: return Dialout(e, context, s, attemptStarted);
            case AggregateEventKind.ConferenceEnd:
                // Every member leaves (participants count it as a conference_end leave; viewers nowhere) and all is switched off.
                return s with
                {
                    Open = false,
                    Present = 0,
                    PresentViewers = 0,
                    On = SessionActivity.None,
                    Record = r with
                    {
                        EndedAtMs = s.ClockMs,
                        EndReason = SessionEndReason.ConferenceEnd,
                        DurationMs = s.ClockMs - r.StartedAtMs,
                        LeavesByReason = r.LeavesByReason with { ConferenceEnd = r.LeavesByReason.ConferenceEnd + s.Present },
                    },
                };
            default:
                return s;
        }
    }

    /// <summary>
    /// An enter or leave of the member under <paramref name="key"/> in the session opened at <paramref name="sessionStart"/>:
    /// +1, -1 or 0, and whether it is the member's first enter in the session.
    /// </summary>
    private static (int Move, bool Joined) Move(RuleContext context, string key, long sessionStart, bool enter)
    {
        var member = context.Get<SessionMember>(key);
        var present = member is not null && member.Offset >= sessionStart && member.Present;
        var joined = member is not null && member.EnteredAt >= sessionStart;
        WriteMember(context, key, member, enter);
        return enter == present ? (0, false) : (enter ? 1 : -1, enter && !joined);
    }

    /// <summary>
    /// The writes an event makes from itself alone, whatever the session: a member's last enter or leave (written on
    /// every one, so that a replay writes the same), an attempt the event started.
    /// </summary>
    private static void Touch(AggregateEvent e, RuleContext context, bool attemptStarted)
    {
        string? key = e.Kind switch
        {
            AggregateEventKind.EnterConference or AggregateEventKind.LeaveConference => ParticipantKey(e.ConferenceId, e.ParticipantId!.Value),
            AggregateEventKind.EnterLivestream or AggregateEventKind.LeaveLivestream => ViewerKey(e.ConferenceId, e.ParticipantId!.Value),
            _ => null,
        };
        if (key is not null) WriteMember(context, key, context.Get<SessionMember>(key), e.Kind is AggregateEventKind.EnterConference or AggregateEventKind.EnterLivestream);
        if (attemptStarted) WriteAttempt(e, context);
    }

    private static void WriteMember(RuleContext context, string key, SessionMember? member, bool enter)
    {
        if (member is null) context.Own(key);
        context.PutLast(key, new SessionMember(0, enter, enter ? context.Offset : member?.EnteredAt ?? -1));
    }

    private static void WriteAttempt(AggregateEvent e, RuleContext context)
    {
        var key = AttemptKey(e.ConferenceId, e.ParticipantId!.Value);
        if (context.Get<SessionAttempt>(key) is null) context.Own(key);

        // The attempt's number from the event's note, not from the attempt's key, which a replay may find written already.
        context.PutLast(key, new SessionAttempt(0, DialoutAttemptRule.AttemptOf(context)));
    }

    /// <summary>
    /// Attempts follow the dial-out aggregate (3.3): one it starts is counted in the session, and answered when its
    /// outcome becomes <c>answered</c> while the session that it started in is still open.
    /// </summary>
    private static SessionState Dialout(AggregateEvent e, RuleContext context, SessionState s, bool attemptStarted)
    {
        if (!context.AppliedBy.HasFlag(AggregateSet.DialoutAnswerRate)) return s;
        var participant = e.ParticipantId!.Value;
        var attempt = context.Get<AttemptValue>(DialoutAttemptRule.AttemptKey(e.ConferenceId, participant));
        var status = e.Status!.Value;
        var r = s.Record;
        if (attemptStarted)
        {
            WriteAttempt(e, context);
            var answered = DialoutTransitions.Next(DialoutOutcome.Pending, status) == DialoutOutcome.Answered;
            return s with { Record = r with { DialoutAttempts = r.DialoutAttempts + 1, DialoutAnswered = r.DialoutAnswered + (answered ? 1 : 0) } };
        }

        if (attempt is null || attempt.Outcome == DialoutOutcome.Answered || DialoutTransitions.Next(attempt.Outcome, status) != DialoutOutcome.Answered) return s;
        var started = context.Get<SessionAttempt>(AttemptKey(e.ConferenceId, participant));
        return started is not null && started.Attempt == attempt.Sequence && started.Offset >= s.StartOffset
            ? s with { Record = r with { DialoutAnswered = r.DialoutAnswered + 1 } }
            : s;
    }
}
