using StreamWorker.Gateway;

namespace StreamWorker.Tests.Gateway;

[Trait("Layer", "Unit")]
public sealed class SigningTokenValidatorTests
{
    [Fact]
    public void IsValid_AnyOfSeveralConfiguredTokens_IsAccepted()
    {
        var validator = new SigningTokenValidator(["old-token", "new-token"]);

        Assert.True(validator.IsValid("old-token"));
        Assert.True(validator.IsValid("new-token"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("old-toke")]
    [InlineData("old-token ")]
    [InlineData("OLD-TOKEN")]
    public void IsValid_AnythingElse_IsRejected(string? presented)
    {
        var validator = new SigningTokenValidator(["old-token"]);

        Assert.False(validator.IsValid(presented));
    }

    [Fact]
    public void IsValid_WithNoTokensConfigured_RejectsEverything()
    {
        var validator = new SigningTokenValidator(["", ""]);

        Assert.Equal(0, validator.TokenCount);
        Assert.False(validator.IsValid(""));
        Assert.False(validator.IsValid("anything"));
    }

    [Fact]
    public void IsValid_VeryLongToken_IsRejectedWithoutFailure()
    {
        var validator = new SigningTokenValidator(["t"]);

        Assert.False(validator.IsValid(new string('x', 100_000)));
    }
}
