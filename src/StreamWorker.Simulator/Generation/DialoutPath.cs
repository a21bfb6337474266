namespace StreamWorker.Simulator.Generation;

/// <summary>The status sequences a dial-out attempt follows on the platform.</summary>
internal enum DialoutPath
{
    /// <summary>new, dialed, answered (often followed by the person joining).</summary>
    Answered,

    /// <summary>new, dialed, rejected.</summary>
    Rejected,

    /// <summary>new, dialed, noanswer.</summary>
    NoAnswer,

    /// <summary>new, cancelled or new, dialed, cancelled.</summary>
    Cancelled,

    /// <summary>new, dialed, answered, rejected: the person listened to the invitation and pressed 2.</summary>
    AnsweredThenPressedTwo,

    /// <summary>A first attempt ending in noanswer or rejected, then the same person dialed again.</summary>
    Redial,
}
