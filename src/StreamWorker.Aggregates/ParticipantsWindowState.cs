namespace StreamWorker.Aggregates;

/// <summary>The open record of one participants window (3.1), mutable while the window is open.</summary>
public sealed class ParticipantsWindowState
{
    public int Joins { get; set; }
    public int Leaves { get; set; }
    public int Concurrent { get; set; }
    public int PeakConcurrent { get; set; }
    public int UserExit { get; set; }
    public int UserDropped { get; set; }
    public int HostKicked { get; set; }
    public int HostKickedBlocked { get; set; }
    public int ConferenceEnd { get; set; }

    /// <summary>A new window record starts from the carried-in set size (contract 3.0).</summary>
    public static ParticipantsWindowState CarryIn(int setSize) => new() { Concurrent = setSize, PeakConcurrent = setSize };

    public void CountLeave(LeaveReason reason)
    {
        switch (reason)
        {
            case LeaveReason.UserExit: UserExit++; break;
            case LeaveReason.UserDropped: UserDropped++; break;
            case LeaveReason.HostKicked: HostKicked++; break;
            case LeaveReason.HostKickedBlocked: HostKickedBlocked++; break;
            default: throw new ArgumentOutOfRangeException(nameof(reason), reason, null);
        }
    }

    public void ObserveSize(int setSize)
    {
        Concurrent = setSize;
        PeakConcurrent = Math.Max(PeakConcurrent, setSize);
    }
}
