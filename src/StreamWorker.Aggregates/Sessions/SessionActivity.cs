namespace StreamWorker.Aggregates.Sessions;

/// <summary>What is switched on in a session, each accruing its time over the session clock while on.</summary>
[Flags]
public enum SessionActivity : byte
{
    None = 0,
    Recording = 1,
    Streaming = 2,
    Broadcasting = 4,
}
