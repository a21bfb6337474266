namespace StreamWorker.Deploy.Tests.Support;

/// <summary>Exit code and output of one <see cref="ExternalTool"/> run.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}
