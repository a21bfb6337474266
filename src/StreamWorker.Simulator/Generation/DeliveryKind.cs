namespace StreamWorker.Simulator.Generation;

/// <summary>Why a delivery is in the traffic: the platform's first delivery, or one of the kinds of noise a receiver must survive.</summary>
internal enum DeliveryKind
{
    /// <summary>The first delivery of an event, sent when it happened.</summary>
    Original,

    /// <summary>The same body again (a retry by the platform), immediately or minutes later.</summary>
    Duplicate,

    /// <summary>First delivery, delayed so that later events of the conference arrive before it (within the grace period).</summary>
    OutOfOrder,

    /// <summary>First delivery, delayed beyond every window's grace period: the processor dead-letters it as late.</summary>
    Late,

    /// <summary>An event type the platform may add in future; the gateway must accept and store it.</summary>
    Unknown,

    /// <summary>A request the gateway must refuse (400 or 422).</summary>
    Invalid,
}
