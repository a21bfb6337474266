namespace StreamWorker.Simulator.Cli;

/// <summary>A command line the simulator cannot run; the message is shown to the user with the usage text.</summary>
internal sealed class UsageException(string message) : Exception(message);
