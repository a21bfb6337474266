namespace StreamWorker.Simulator.Generation;

/// <summary>Hands out fresh participant, recording and drive file identifiers across all conferences of a run.</summary>
internal sealed class IdentifierSource
{
    private long _participant = 3_000_000;
    private long _recording = 700_000;
    private long _file = 900_000;

    public long NextParticipant() => ++_participant;

    public long NextRecording() => ++_recording;

    public long NextFile() => ++_file;
}
