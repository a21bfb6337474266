namespace StreamWorker.Deploy.Tests;

/// <summary>
/// docker-compose.yml against the Compose schema, with whichever client is
/// installed: the docker compose plugin, or docker-compose 1.29 (Debian
/// package docker-compose). Neither needs a Docker engine for `config`.
/// </summary>
[Trait("Layer", "Integration")]
public sealed class ComposeValidationTests
{
    [SkippableFact]
    public void ComposeFile_PassesComposeConfigValidation()
    {
        var (tool, prefix) = FindComposeClient();
        Skip.If(tool is null, "neither the docker compose plugin nor docker-compose is installed: docker-compose.yml not validated");

        var result = ExternalTool.Run(tool, [.. prefix, "--project-name", "streamworker", "-f", "docker-compose.yml", "config", "--quiet"]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    private static (string? Tool, string[] Prefix) FindComposeClient()
    {
        var docker = ExternalTool.FindOnPath("docker");
        if (docker is not null && ExternalTool.Run(docker, ["compose", "version"], timeout: TimeSpan.FromSeconds(20)).ExitCode == 0)
        {
            return (docker, ["compose"]);
        }

        return (ExternalTool.FindOnPath("docker-compose"), []);
    }
}
