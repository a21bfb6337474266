namespace StreamWorker.Aggregates;

/// <summary>The open record of one livestream churn window (3.2), mutable while the window is open.</summary>
public sealed class ChurnWindowState
{
    public int ViewersAtStart { get; set; }
    public int Enters { get; set; }
    public int Leaves { get; set; }
    public int PeakViewers { get; set; }
    public int UserExit { get; set; }
    public int UserDropped { get; set; }
    public int HostKicked { get; set; }
    public int HostKickedBlocked { get; set; }

    public static ChurnWindowState CarryIn(int setSize) => new() { ViewersAtStart = setSize, PeakViewers = setSize };

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

    public void ObserveSize(int setSize) => PeakViewers = Math.Max(PeakViewers, setSize);
}
